package org.ventifs.fs.fuse;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Overriding the engine's settings from properties. */
class FuseTuningTest {
    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(FuseTuning.PREFIX + pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void noPropertiesLeaveTheTunedSettings() {
        assertEquals(FuseConfig.tuned(), FuseTuning.apply(FuseConfig.tuned(), new Properties()));
    }

    @Test
    void eachSettingIsReplaced() {
        FuseConfig c = FuseTuning.apply(FuseConfig.tuned(), props("threads", "3", "maxWrite", "131072",
                "entryTimeout", "0.5", "attrTimeout", "10", "negativeTimeout", "2",
                "writebackCache", "false", "keepCache", "on"));
        assertEquals(new FuseConfig(3, 131072, 0.5, 10, 2, false, true), c);
    }

    @Test
    void unknownNamesAndBadValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FuseTuning.apply(FuseConfig.tuned(), props("thread", "3")));
        assertThrows(IllegalArgumentException.class, () -> FuseTuning.apply(FuseConfig.tuned(), props("threads", "many")));
        assertThrows(IllegalArgumentException.class, () -> FuseTuning.apply(FuseConfig.tuned(), props("keepCache", "yes")));
        assertThrows(IllegalArgumentException.class, () -> FuseTuning.apply(FuseConfig.tuned(), props("maxWrite", "1000")));
    }

    @Test
    void otherPropertiesAreIgnored() {
        Properties p = new Properties();
        p.setProperty("java.version", "17");
        assertEquals(FuseConfig.tuned(), FuseTuning.apply(FuseConfig.tuned(), p));
    }
}
