package org.ventifs.venti.wire;

import java.util.Arrays;
import java.util.HexFormat;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * One Venti protocol message: {@code type[1] tag[1]} and the fields of its kind, as
 * in docs/venti-protocol.md. Each kind is a record whose {@code encode} and
 * {@code decode} sit side by side; {@link #decode(byte[])} dispatches on the type.
 * A body is what follows the framing's length prefix.
 */
public sealed interface VentiMessage {
    int RERROR = 1;
    int TPING = 2;
    int RPING = 3;
    int THELLO = 4;
    int RHELLO = 5;
    int TGOODBYE = 6;
    int RGOODBYE = 7;
    int TAUTH0 = 8;
    int RAUTH1 = 11;
    int TREAD = 12;
    int RREAD = 13;
    int TWRITE = 14;
    int RWRITE = 15;
    int TSYNC = 16;
    int RSYNC = 17;

    /** The message's tag, 0..255; a reply carries its request's tag. */
    int tag();

    /** Returns the message body: type, tag and fields. */
    byte[] encode();

    /**
     * Decodes one message body.
     *
     * @throws ProtocolException when the body is short, malformed, of an unknown type or
     *         of an auth type; it carries the tag when the body had one
     */
    static VentiMessage decode(byte[] body) throws ProtocolException {
        if (body.length < 2) {
            throw new ProtocolException("a message needs at least a type and a tag, got "
                    + body.length + " bytes");
        }
        int type = body[0] & 0xff;
        int tag = body[1] & 0xff;
        BodyReader in = new BodyReader(body, nameOf(type));
        VentiMessage m = switch (type) {
            case RERROR -> new Rerror(tag, in.string("error"));
            case TPING -> new Tping(tag);
            case RPING -> new Rping(tag);
            case THELLO -> Thello.decode(tag, in);
            case RHELLO -> new Rhello(tag, in.string("sid"), in.u8(), in.u8());
            case TGOODBYE -> new Tgoodbye(tag);
            case TREAD -> Tread.decode(tag, in);
            case RREAD -> new Rread(tag, in.rest());
            case TWRITE -> Twrite.decode(tag, in);
            case RWRITE -> new Rwrite(tag, in.score());
            case TSYNC -> new Tsync(tag);
            case RSYNC -> new Rsync(tag);
            case RGOODBYE -> throw new ProtocolException("Rgoodbye is not used by the protocol", tag);
            default -> throw new ProtocolException(type >= TAUTH0 && type <= RAUTH1
                    ? nameOf(type) + " is not supported (Venti authentication was never implemented)"
                    : "unknown message type " + type, tag);
        };
        in.end();
        return m;
    }

    /** The message's name for error texts: Tread, Rerror, ... or "message type N". */
    static String nameOf(int type) {
        String[] names = {null, "Rerror", "Tping", "Rping", "Thello", "Rhello", "Tgoodbye", "Rgoodbye",
            "Tauth0", "Rauth0", "Tauth1", "Rauth1", "Tread", "Rread", "Twrite", "Rwrite", "Tsync", "Rsync"};
        return type > 0 && type < names.length ? names[type] : "message type " + type;
    }

    private static int checkTag(int tag) {
        if (tag < 0 || tag > 255) {
            throw new IllegalArgumentException("a tag is one byte (0..255), not " + tag);
        }
        return tag;
    }

    private static byte[] empty(int type, int tag) {
        return new BodyWriter(2, type, tag).finish();
    }

    /** An error reply: the request failed for the reason given. */
    record Rerror(int tag, String error) implements VentiMessage {
        public Rerror {
            checkTag(tag);
            BodyWriter.utf8(error);
        }

        @Override
        public byte[] encode() {
            byte[] e = BodyWriter.utf8(error);
            return new BodyWriter(2 + BodyWriter.stringSize(e), RERROR, tag).string(e).finish();
        }

        /** An Rerror whose text is cut to fit a protocol string. */
        static Rerror of(int tag, String error) {
            String text = error == null ? "unknown error" : error.replace('\0', ' ');
            int bytes = 0;
            int end = 0;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + width > BodyReader.MAX_STRING) {
                    break;
                }
                bytes += width;
                end += Character.charCount(cp);
            }
            text = text.substring(0, end);
            return new Rerror(tag, text);
        }
    }

    /** Asks whether the server is alive. */
    record Tping(int tag) implements VentiMessage {
        public Tping {
            checkTag(tag);
        }

        @Override
        public byte[] encode() {
            return empty(TPING, tag);
        }
    }

    /** The answer to Tping. */
    record Rping(int tag) implements VentiMessage {
        public Rping {
            checkTag(tag);
        }

        @Override
        public byte[] encode() {
            return empty(RPING, tag);
        }
    }

    /** The client's first message: the chosen version, a user name and (unused) crypto and codec lists. */
    record Thello(int tag, String version, String uid, int strength, byte[] crypto, byte[] codec)
            implements VentiMessage {
        public Thello {
            checkTag(tag);
            BodyWriter.utf8(version);
            BodyWriter.utf8(uid);
            if (strength < 0 || strength > 255 || crypto.length > 255 || codec.length > 255) {
                throw new IllegalArgumentException("Thello's strength is one byte and its lists hold at most 255");
            }
            crypto = crypto.clone();
            codec = codec.clone();
        }

        /** The hello every ventifs client sends: no strength, no crypto, no codecs. */
        static Thello plain(String version, String uid) {
            return new Thello(0, version, uid, 0, new byte[0], new byte[0]);
        }

        @Override
        public byte[] encode() {
            byte[] v = BodyWriter.utf8(version);
            byte[] u = BodyWriter.utf8(uid);
            int length = 2 + BodyWriter.stringSize(v) + BodyWriter.stringSize(u) + 1
                    + 1 + crypto.length + 1 + codec.length;
            return new BodyWriter(length, THELLO, tag).string(v).string(u).u8(strength)
                    .byteArray(crypto).byteArray(codec).finish();
        }

        static Thello decode(int tag, BodyReader in) throws ProtocolException {
            return new Thello(tag, in.string("version"), in.string("uid"), in.u8(),
                    in.byteArray("crypto"), in.byteArray("codec"));
        }

        @Override
        public byte[] crypto() {
            return crypto.clone();
        }

        @Override
        public byte[] codec() {
            return codec.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Thello t && t.tag == tag && t.version.equals(version) && t.uid.equals(uid)
                    && t.strength == strength && Arrays.equals(t.crypto, crypto) && Arrays.equals(t.codec, codec);
        }

        @Override
        public int hashCode() {
            return (tag * 31 + version.hashCode()) * 31 + uid.hashCode();
        }

        @Override
        public String toString() {
            return "Thello[tag=" + tag + ", version=" + version + ", uid=" + uid + ", strength=" + strength
                    + ", crypto=" + HexFormat.of().formatHex(crypto) + ", codec=" + HexFormat.of().formatHex(codec) + "]";
        }
    }

    /** The server's answer to Thello: a session id and the chosen crypto and codec (0: none). */
    record Rhello(int tag, String sid, int rcrypto, int rcodec) implements VentiMessage {
        public Rhello {
            checkTag(tag);
            BodyWriter.utf8(sid);
            if (rcrypto < 0 || rcrypto > 255 || rcodec < 0 || rcodec > 255) {
                throw new IllegalArgumentException("Rhello's rcrypto and rcodec are one byte each");
            }
        }

        @Override
        public byte[] encode() {
            byte[] s = BodyWriter.utf8(sid);
            return new BodyWriter(2 + BodyWriter.stringSize(s) + 2, RHELLO, tag)
                    .string(s).u8(rcrypto).u8(rcodec).finish();
        }
    }

    /** The client is leaving; the server closes the connection without a reply. */
    record Tgoodbye(int tag) implements VentiMessage {
        public Tgoodbye {
            checkTag(tag);
        }

        @Override
        public byte[] encode() {
            return empty(TGOODBYE, tag);
        }
    }

    /** Reads the block ({@code score}, {@code type}) of at most {@code count} bytes. */
    record Tread(int tag, Score score, BlockType type, int count) implements VentiMessage {
        /** Counts from here on go out as count[4], which the receiver sees from the length. */
        static final int LONG_COUNT = 65536;

        public Tread {
            checkTag(tag);
            if (count < 0) {
                throw new IllegalArgumentException("a read count cannot be negative: " + count);
            }
        }

        @Override
        public byte[] encode() {
            boolean longCount = count >= LONG_COUNT;
            BodyWriter w = new BodyWriter(2 + Score.SIZE + 2 + (longCount ? 4 : 2), TREAD, tag)
                    .score(score).u8(type.wireNumber()).zeros(1);
            return (longCount ? w.u32(count) : w.u16(count)).finish();
        }

        static Tread decode(int tag, BodyReader in) throws ProtocolException {
            Score score = in.score();
            BlockType type = wireType(in);
            in.skip(1);
            long count = in.remaining() == 4 ? in.u32() : in.u16();
            if (count > Integer.MAX_VALUE) {
                throw in.fail("count " + count + " is beyond any block");
            }
            return new Tread(tag, score, type, (int) count);
        }
    }

    /** The bytes of the block asked for. */
    record Rread(int tag, byte[] data) implements VentiMessage {
        public Rread {
            checkTag(tag);
        }

        @Override
        public byte[] encode() {
            return new BodyWriter(2 + data.length, RREAD, tag).bytes(data).finish();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rread r && r.tag == tag && Arrays.equals(r.data, data);
        }

        @Override
        public int hashCode() {
            return tag * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Rread[tag=" + tag + ", " + data.length + " bytes]";
        }
    }

    /** Stores {@code data} as a block of {@code type}; the server computes the score. */
    record Twrite(int tag, BlockType type, byte[] data) implements VentiMessage {
        /** Bytes between the tag and the data: type[1] pad[3]. */
        static final int HEADER = 4;

        public Twrite {
            checkTag(tag);
        }

        @Override
        public byte[] encode() {
            return encode(tag, type, data, 0, data.length);
        }

        /** The body of a Twrite of {@code length} bytes of {@code data} from {@code offset}, copied once. */
        static byte[] encode(int tag, BlockType type, byte[] data, int offset, int length) {
            return new BodyWriter(2 + HEADER + length, TWRITE, checkTag(tag))
                    .u8(type.wireNumber()).zeros(3).bytes(data, offset, length).finish();
        }

        static Twrite decode(int tag, BodyReader in) throws ProtocolException {
            BlockType type = wireType(in);
            in.skip(3);
            return new Twrite(tag, type, in.rest());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Twrite w && w.tag == tag && w.type == type && Arrays.equals(w.data, data);
        }

        @Override
        public int hashCode() {
            return (tag * 31 + type.hashCode()) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Twrite[tag=" + tag + ", type=" + type + ", " + data.length + " bytes]";
        }
    }

    /** The score the server computed for a Twrite's data. */
    record Rwrite(int tag, Score score) implements VentiMessage {
        public Rwrite {
            checkTag(tag);
        }

        @Override
        public byte[] encode() {
            return new BodyWriter(2 + Score.SIZE, RWRITE, tag).score(score).finish();
        }
    }

    /** Asks the server to make every earlier write durable. */
    record Tsync(int tag) implements VentiMessage {
        public Tsync {
            checkTag(tag);
        }

        @Override
        public byte[] encode() {
            return empty(TSYNC, tag);
        }
    }

    /** Every write before the Tsync is durable. */
    record Rsync(int tag) implements VentiMessage {
        public Rsync {
            checkTag(tag);
        }

        @Override
        public byte[] encode() {
            return empty(RSYNC, tag);
        }
    }

    private static BlockType wireType(BodyReader in) throws ProtocolException {
        int n = in.u8();
        try {
            return BlockType.fromWire(n);
        } catch (IllegalArgumentException e) {
            throw in.fail("no block type has wire number " + n);
        }
    }
}
