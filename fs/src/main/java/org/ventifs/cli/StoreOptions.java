package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.local.LocalVentiConfig;
import org.ventifs.venti.wire.VentiAddress;
import org.ventifs.venti.wire.VentiClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The picocli mixin that chooses a commands's block store: {@code --store DIR} for
 * an embedded store, {@code --venti ADDR} for a Venti server; with neither, the
 * {@code venti} environment variable names a server, as in plan9port, and without
 * it the embedded store of the default data directory is used.
 */
final class StoreOptions {
    /** The environment variable that names the default Venti server. */
    static final String VENTI_VARIABLE = "venti";

    @Option(names = "--store", paramLabel = "DIR",
            description = "The embedded store in DIR (default: the venti folder of the default data directory).")
    Path store;

    @Option(names = "--venti", paramLabel = "ADDR",
            description = "A Venti server, tcp!host!port or host:port (default: $venti, unless --store is given).")
    String venti;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Where the {@code venti} default comes from; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** The folder of the embedded store these options name. */
    Path storeDirectory() {
        return store != null ? store : DataDirectories.storeIn(DataDirectories.defaultDataDirectory());
    }

    /**
     * The Venti server these options name: {@code --venti}, else (when
     * {@code followEnvironment} and no {@code --store}) a non-empty {@code $venti};
     * empty means the embedded store.
     *
     * @throws ParameterException when both --store and --venti are given, or the address is malformed
     */
    Optional<VentiAddress> ventiAddress(boolean followEnvironment) {
        if (venti != null && store != null) {
            throw usage("give --store DIR or --venti ADDR, not both");
        }
        String text = venti;
        if (text == null && store == null && followEnvironment) {
            String fromEnvironment = environment.get(VENTI_VARIABLE);
            text = fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.trim();
        }
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(VentiAddress.parse(text));
        } catch (IllegalArgumentException e) {
            throw usage((venti != null ? "--venti: " : "$venti: ") + e.getMessage());
        }
    }

    /**
     * Opens the store these options name, following the {@code venti} environment
     * variable; the caller closes it.
     *
     * @throws IOException when the store cannot be opened or the server reached (the message names it)
     */
    BlockStore open() throws IOException {
        return open(true);
    }

    /** As {@link #open()}; {@code followEnvironment} false ignores {@code $venti}. */
    BlockStore open(boolean followEnvironment) throws IOException {
        return open(followEnvironment, LocalVentiConfig.DEFAULT);
    }

    /**
     * As {@link #open()}, for a command that reads each block once (unvac, vac reading
     * its previous tree): an embedded store keeps no cache of read blocks, whose upkeep
     * cost a fifth of a restore's CPU time and would hold nothing read twice.
     */
    BlockStore openForOnePass() throws IOException {
        return open(true, LocalVentiConfig.DEFAULT.withCacheBytes(0));
    }

    private BlockStore open(boolean followEnvironment, LocalVentiConfig config) throws IOException {
        Optional<VentiAddress> server = ventiAddress(followEnvironment);
        if (server.isPresent()) {
            return VentiClient.connect(server.get(), VentiClient.DEFAULT_TIMEOUT);
        }
        return LocalVenti.open(storeDirectory(), config);
    }

    /** Names the store for messages: "venti server tcp!h!p" or "the embedded store in DIR". */
    String describe(boolean followEnvironment) {
        return ventiAddress(followEnvironment).map(a -> "venti server " + a)
                .orElseGet(() -> "the embedded store in " + storeDirectory());
    }

    private ParameterException usage(String message) {
        if (mixee == null) {
            throw new IllegalStateException(message);
        }
        return new ParameterException(mixee.commandLine(), message);
    }
}
