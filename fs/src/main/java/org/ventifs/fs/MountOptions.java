package org.ventifs.fs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The FUSE mount options ventifs mounts with: its own defaults, then what the user
 * gave with -o (which wins: "nodev" drops "dev", and so on).
 */
public final class MountOptions {
    /**
     * The mount's source is {@code ventifs:} and the data directory's absolute path, so
     * mount and df say ventifs and the tools (snap, dumps, history) find the data
     * directory, and its control socket, from the mountpoint alone.
     */
    public static final String FSNAME_PREFIX = "ventifs:";

    private MountOptions() {
    }

    /**
     * Returns the options for a mount by a process of user {@code uid}: shows up as
     * ventifs in mount and df, lets the kernel check permissions, and as root serves
     * every user and behaves as a local disk (devices and setuid work, as on ext4).
     */
    public static List<String> forMount(int uid, String userOptions, java.nio.file.Path dataDir) {
        String source = FSNAME_PREFIX + dataDir.toAbsolutePath().normalize();
        if (source.contains(",")) {
            throw new IllegalArgumentException("the data directory's path must not contain a comma: " + dataDir);
        }
        Set<String> options = new LinkedHashSet<>(List.of("fsname=" + source, "subtype=ventifs",
                "default_permissions"));
        if (uid == 0) {
            options.addAll(List.of("allow_other", "dev", "suid"));
        }
        if (userOptions != null && !userOptions.isBlank()) {
            for (String o : userOptions.split(",")) {
                String opt = o.strip();
                if (opt.isEmpty() || opt.equals("defaults") || opt.equals("rw") || opt.startsWith("x-")
                        || opt.equals("_netdev") || opt.equals("auto") || opt.equals("noauto") || opt.equals("user")
                        || opt.equals("nofail")) {
                    continue; // fstab and mount(8) words that are not FUSE's business
                }
                if (opt.startsWith("fsname=") || opt.startsWith("subtype=")) {
                    throw new IllegalArgumentException("-o " + opt + " is not allowed: ventifs names its mounts "
                            + FSNAME_PREFIX + "DATA_DIR so that snap, dumps and history can find them");
                }
                String opposite = opt.startsWith("no") ? opt.substring(2) : "no" + opt;
                options.remove(opposite);
                options.add(opt);
            }
        }
        return new ArrayList<>(options);
    }
}
