package org.ventifs.vac.posix;

import java.io.IOException;
import java.nio.file.Path;
import org.ventifs.vac.PosixExtension.Timestamp;

/** Where a restore sets owner, mode and times: an open file, or a path (a link itself, not its target). */
interface AttributeTarget {
    void setOwner(int uid, int gid) throws IOException;

    /** Sets the full mode, set-id and sticky bits included; never called for a symbolic link. */
    void setMode(int mode) throws IOException;

    void setTimes(Timestamp atime, Timestamp mtime) throws IOException;

    /** The attributes of {@code path} itself, set by name. */
    static AttributeTarget ofPath(Path path) {
        return new AttributeTarget() {
            @Override
            public void setOwner(int uid, int gid) throws IOException {
                Posix.lchown(path, uid, gid);
            }

            @Override
            public void setMode(int mode) throws IOException {
                Posix.chmod(path, mode);
            }

            @Override
            public void setTimes(Timestamp atime, Timestamp mtime) throws IOException {
                Posix.setTimes(path, atime, mtime);
            }
        };
    }
}
