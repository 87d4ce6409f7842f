package dev.glint.attach;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Tells a file's type from its first bytes ({@link #HEAD_BYTES} are enough), never from what the
 * client claimed; a claim the bytes contradict is reported. Office files are ZIP containers told
 * apart by their entries' names ({@code word/}, {@code xl/}, {@code ppt/}), legacy ones OLE2
 * containers told apart by their stream names when the directory is in the head, else by the
 * file name's extension (the container itself is proven by the bytes).
 */
public final class ContentSniffer {
    /** How many leading bytes {@link #sniff} needs. */
    public static final int HEAD_BYTES = 4096;

    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public static final String DOC = "application/msword";
    public static final String XLS = "application/vnd.ms-excel";
    public static final String PPT = "application/vnd.ms-powerpoint";
    public static final String ODT = "application/vnd.oasis.opendocument.text";
    public static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    public static final String ODP = "application/vnd.oasis.opendocument.presentation";
    public static final String ZIP = "application/zip";
    public static final String OLE2 = "application/x-ole-storage";
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String TEXT = "text/plain";
    public static final String CSV = "text/csv";

    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EBML_MAGIC = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    /** Names the client may use for the type the bytes prove; anything else is a contradiction. */
    private static final Map<String, String> ALIASES = Map.of(
            "image/jpg", "image/jpeg", "image/pjpeg", "image/jpeg", "application/x-pdf", PDF,
            "audio/mp3", "audio/mpeg", "application/x-zip-compressed", ZIP, "text/comma-separated-values", CSV);

    private ContentSniffer() {}

    /**
     * @param head the file's first bytes (up to {@link #HEAD_BYTES})
     * @param totalSize the whole file's size (tells a cut-off UTF-8 sequence from a broken one)
     * @param filename the declared name: only tells apart what the bytes leave open (doc/xls/ppt in
     *     an OLE2 container, CSV among plain text), never overrides them
     * @param claimed the client's content type, checked against the result
     */
    public static Sniffed sniff(byte[] head, long totalSize, String filename, @Nullable String claimed) {
        String type = type(head, totalSize, filename.toLowerCase(Locale.ROOT));
        return new Sniffed(type, family(type), contradiction(claimed, type));
    }

    /** How a type found by {@link #sniff} can be shown. */
    public static Sniffed.Family family(String type) {
        if (type.equals(PDF)) {
            return Sniffed.Family.PDF;
        }
        if (type.startsWith("image/")) {
            return Sniffed.Family.IMAGE;
        }
        if (type.startsWith("video/")) {
            return Sniffed.Family.VIDEO;
        }
        if (type.startsWith("audio/")) {
            return Sniffed.Family.AUDIO;
        }
        if (type.startsWith("text/")) {
            return Sniffed.Family.TEXT;
        }
        return switch (type) {
            case DOCX, XLSX, PPTX, DOC, XLS, PPT, ODT, ODS, ODP -> Sniffed.Family.OFFICE;
            default -> Sniffed.Family.OTHER;
        };
    }

    /** The usual file extension of an Office type (LibreOffice picks its import filter by it). */
    public static String extension(String type) {
        return switch (type) {
            case DOCX -> "docx";
            case XLSX -> "xlsx";
            case PPTX -> "pptx";
            case DOC -> "doc";
            case XLS -> "xls";
            case PPT -> "ppt";
            case ODT -> "odt";
            case ODS -> "ods";
            case ODP -> "odp";
            case PDF -> "pdf";
            default -> "bin";
        };
    }

    private static String type(byte[] b, long totalSize, String filename) {
        if (b.length == 0) {
            return OCTET_STREAM;
        }
        if (indexOf(b, "%PDF-".getBytes(StandardCharsets.US_ASCII), 0, Math.min(b.length, 1024)) >= 0) {
            return PDF; // readers accept the header anywhere in the first KiB
        }
        if (startsWith(b, 0, PNG_MAGIC)) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return "image/gif";
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return "image/webp";
        }
        if (startsWith(b, 4, ascii("ftyp")) && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            return switch (brand) {
                case "qt  " -> "video/quicktime";
                case "M4A ", "M4B " -> "audio/mp4";
                case "heic", "heix", "mif1", "msf1" -> "image/heic";
                default -> "video/mp4";
            };
        }
        if (startsWith(b, 0, EBML_MAGIC)) {
            return indexOf(b, ascii("webm"), 0, Math.min(b.length, 64)) >= 0 ? "video/webm" : "video/x-matroska";
        }
        if (startsWith(b, 0, ascii("ID3")) || mpegAudioFrame(b)) {
            return "audio/mpeg";
        }
        if (startsWith(b, 0, ascii("PK\u0003\u0004"))) {
            return zipType(b);
        }
        if (startsWith(b, 0, OLE2_MAGIC)) {
            return ole2Type(b, filename);
        }
        if (isText(b, totalSize)) {
            return filename.endsWith(".csv") ? CSV : TEXT;
        }
        return OCTET_STREAM;
    }

    /** Walks the local file headers in the head: the first entry naming an Office part decides. */
    private static String zipType(byte[] b) {
        byte[] signature = ascii("PK\u0003\u0004");
        for (int at = 0; at >= 0 && at + 30 <= b.length; at = indexOf(b, signature, at + 4, b.length)) {
            int method = u16(b, at + 8);
            int compressed = (int) Math.min(Integer.MAX_VALUE, u32(b, at + 18));
            int nameLength = u16(b, at + 26);
            int extraLength = u16(b, at + 28);
            if (at + 30 + nameLength > b.length) {
                break;
            }
            String name = new String(b, at + 30, nameLength, StandardCharsets.UTF_8);
            if (name.startsWith("word/")) {
                return DOCX;
            }
            if (name.startsWith("xl/")) {
                return XLSX;
            }
            if (name.startsWith("ppt/")) {
                return PPTX;
            }
            int data = at + 30 + nameLength + extraLength;
            if (name.equals("mimetype") && method == 0 && data + compressed <= b.length) {
                String mime = new String(b, data, compressed, StandardCharsets.US_ASCII);
                switch (mime) {
                    case ODT, ODS, ODP -> {
                        return mime;
                    }
                    default -> { } // another ODF kind (drawing, formula): a plain zip to us
                }
            }
            if (name.equals("[Content_Types].xml") && method == 0 && data + compressed <= b.length) {
                String types = new String(b, data, compressed, StandardCharsets.UTF_8);
                if (types.contains("wordprocessingml.document")) {
                    return DOCX;
                }
                if (types.contains("spreadsheetml.sheet")) {
                    return XLSX;
                }
                if (types.contains("presentationml.presentation")) {
                    return PPTX;
                }
            }
        }
        return ZIP;
    }

    /** The stream names of Word, Excel and PowerPoint files, UTF-16LE in the OLE2 directory. */
    private static String ole2Type(byte[] b, String filename) {
        if (indexOf(b, utf16("WordDocument"), 0, b.length) >= 0) {
            return DOC;
        }
        if (indexOf(b, utf16("Workbook"), 0, b.length) >= 0 || indexOf(b, utf16("Book"), 0, b.length) >= 0) {
            return XLS;
        }
        if (indexOf(b, utf16("PowerPoint Document"), 0, b.length) >= 0) {
            return PPT;
        }
        if (filename.endsWith(".doc")) {
            return DOC;
        }
        if (filename.endsWith(".xls")) {
            return XLS;
        }
        if (filename.endsWith(".ppt")) {
            return PPT;
        }
        return OLE2; // an MSI, an Outlook message, …: not something we convert
    }

    /** An MPEG-1/2 layer III frame header: 11 sync bits, a valid version, layer III, a valid bitrate. */
    private static boolean mpegAudioFrame(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) {
            return false;
        }
        int version = (b[1] >> 3) & 0x3;
        int layer = (b[1] >> 1) & 0x3;
        int bitrate = (b[2] >> 4) & 0xF;
        int rate = (b[2] >> 2) & 0x3;
        return version != 1 && layer == 1 && bitrate != 0 && bitrate != 15 && rate != 3;
    }

    /** Valid UTF-8 without NUL or other control characters than tab, CR, LF and form feed. */
    private static boolean isText(byte[] b, long totalSize) {
        int end = b.length;
        if (totalSize > b.length) { // the head may cut the last character: drop an incomplete tail
            int back = 0;
            while (back < 3 && back < end && (b[end - 1 - back] & 0xC0) == 0x80) {
                back++;
            }
            if (back < end && (b[end - 1 - back] & 0xC0) == 0xC0) {
                end -= back + 1;
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, end)).toString();
            return text.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Optional<String> contradiction(@Nullable String claimed, String found) {
        if (claimed == null) {
            return Optional.empty();
        }
        String c = claimed.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        c = ALIASES.getOrDefault(c, c);
        if (c.isEmpty() || c.equals(OCTET_STREAM) || c.equals(found)
                || (found.equals(TEXT) && c.equals(CSV)) || (found.equals(CSV) && c.equals(TEXT))) {
            return Optional.empty();
        }
        return Optional.of("the client said " + c + " but the bytes are " + found);
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (offset + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] needle, int from, int to) {
        for (int i = Math.max(0, from); i + needle.length <= to; i++) {
            if (startsWith(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }
}
