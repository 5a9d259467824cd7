package dev.stratum.models.hyperlocal;

import dev.stratum.api.StratumException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The saved form of a linear head, format version 1, big-endian: the magic {@code STRH}, the format version (int),
 * the kind (UTF), the labels (count, then UTF each), the hyperparameters sorted by key (count, then key UTF, a type
 * tag I/J/D/Z/S and the value), the dimension and class count (ints), the weights ({@code dimension x classes}
 * floats, row d holding the weights of input d for every class), the biases ({@code classes} floats), and a CRC-32
 * of everything before it. A new version must keep reading version 1.
 */
record HeadArtifact(String kind, List<String> labels, Map<String, Object> hyperparameters, int dimension,
        float[] weights, float[] bias) {
    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "STRH".getBytes(StandardCharsets.US_ASCII);

    HeadArtifact {
        labels = List.copyOf(labels);
        hyperparameters = new TreeMap<>(hyperparameters);
        if (weights.length != dimension * labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException(weights.length + " weights and " + bias.length + " biases do not fit "
                    + dimension + " dimensions x " + labels.size() + " labels");
        }
    }

    byte[] toBytes() {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + 4 * (weights.length + bias.length));
            DataOutputStream out = new DataOutputStream(buffer);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(kind);
            out.writeInt(labels.size());
            for (String label : labels) {
                out.writeUTF(label);
            }
            out.writeInt(hyperparameters.size());
            for (Map.Entry<String, Object> entry : hyperparameters.entrySet()) {
                out.writeUTF(entry.getKey());
                writeValue(out, entry.getKey(), entry.getValue());
            }
            out.writeInt(dimension);
            out.writeInt(labels.size());
            for (float w : weights) {
                out.writeFloat(w);
            }
            for (float b : bias) {
                out.writeFloat(b);
            }
            CRC32 crc = new CRC32();
            crc.update(buffer.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /** Reads an artifact, checking its magic, version, kind and checksum. */
    static HeadArtifact read(byte[] bytes, String expectedKind) {
        if (bytes.length < MAGIC.length + 12 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw invalid("it does not start with the magic bytes STRH; it is not a Stratum head artifact", null);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw invalid("its format version is " + version + " but this build reads version " + FORMAT_VERSION
                        + "; upgrade Stratum or retrain the task", null);
            }
            String kind = in.readUTF();
            if (!kind.equals(expectedKind)) {
                throw invalid("it holds a '" + kind + "' head, not '" + expectedKind
                        + "'; load it with the trainer of that kind", null);
            }
            String[] labels = new String[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUTF();
            }
            Map<String, Object> hyperparameters = new LinkedHashMap<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                hyperparameters.put(key, readValue(in, key));
            }
            int dimension = in.readInt();
            int classes = in.readInt();
            if (classes != labels.length || dimension < 1 || (long) dimension * classes > bytes.length / 4) {
                throw invalid("its shape " + dimension + " x " + classes + " does not match its " + labels.length
                        + " labels and " + bytes.length + " bytes", null);
            }
            float[] weights = readFloats(in, dimension * classes);
            float[] bias = readFloats(in, classes);
            if (in.readLong() != crc.getValue()) {
                throw invalid("its checksum does not match; the artifact is corrupt, retrain the task", null);
            }
            return new HeadArtifact(kind, List.of(labels), hyperparameters, dimension, weights, bias);
        } catch (IOException e) {
            throw invalid("it ends early (" + bytes.length + " bytes); the artifact is truncated, retrain the task", e);
        }
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static void writeValue(DataOutputStream out, String key, Object value) throws IOException {
        switch (value) {
            case Integer i -> { out.writeByte('I'); out.writeInt(i); }
            case Long l -> { out.writeByte('J'); out.writeLong(l); }
            case Double d -> { out.writeByte('D'); out.writeDouble(d); }
            case Boolean b -> { out.writeByte('Z'); out.writeBoolean(b); }
            case String s -> { out.writeByte('S'); out.writeUTF(s); }
            default -> throw new IllegalArgumentException("hyperparameter '" + key + "' is a "
                    + value.getClass().getSimpleName() + "; only int, long, double, boolean and string can be saved");
        }
    }

    private static Object readValue(DataInputStream in, String key) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 'I' -> in.readInt();
            case 'J' -> in.readLong();
            case 'D' -> in.readDouble();
            case 'Z' -> in.readBoolean();
            case 'S' -> in.readUTF();
            default -> throw invalid("hyperparameter '" + key + "' has the unknown type tag " + tag, null);
        };
    }

    private static StratumException invalid(String why, Throwable cause) {
        return new StratumException("invalid_model_artifact", "cannot load the head artifact: " + why, cause);
    }
}
