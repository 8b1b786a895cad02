package org.ventifs.venti.wire;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class VentiAddressTest {
    @Test
    void parsesPlan9AndColonForms() {
        assertEquals(new VentiAddress("127.0.0.1", 17034), VentiAddress.parse("tcp!127.0.0.1!17034"));
        assertEquals(new VentiAddress("venti.example", 17034), VentiAddress.parse("tcp!venti.example!venti"));
        assertEquals(new VentiAddress("venti.example", 17034), VentiAddress.parse("tcp!venti.example"));
        assertEquals(new VentiAddress("0.0.0.0", 9), VentiAddress.parse("tcp!*!9"));
        assertEquals(new VentiAddress("localhost", 5000), VentiAddress.parse("localhost:5000"));
        assertEquals(new VentiAddress("localhost", 17034), VentiAddress.parse("localhost"));
        assertEquals(new VentiAddress("::1", 7), VentiAddress.parse("[::1]:7"));
        assertEquals("tcp!localhost!5000", VentiAddress.parse("localhost:5000").toString());
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        for (String bad : new String[] {"udp!h!1", "tcp!!1", "tcp!h!x", "h:99999", "h:", "::1:5", "[::1", "",
            "tcp!a!b!c"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VentiAddress.parse(bad), bad);
            assertTrue(e.getMessage().contains("tcp!host!port"), e.getMessage());
        }
    }
}
