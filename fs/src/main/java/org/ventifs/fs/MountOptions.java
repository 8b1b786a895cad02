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
    private MountOptions() {
    }

    /**
     * Returns the options for a mount by a process of user {@code uid}: shows up as
     * ventifs in mount and df, lets the kernel check permissions, and as root serves
     * every user and behaves as a local disk (devices and setuid work, as on ext4).
     */
    public static List<String> forMount(int uid, String userOptions) {
        Set<String> options = new LinkedHashSet<>(List.of("fsname=ventifs", "subtype=ventifs", "default_permissions"));
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
                String opposite = opt.startsWith("no") ? opt.substring(2) : "no" + opt;
                options.remove(opposite);
                if (opt.startsWith("fsname=")) {
                    options.removeIf(x -> x.startsWith("fsname="));
                }
                options.add(opt);
            }
        }
        return new ArrayList<>(options);
    }
}
