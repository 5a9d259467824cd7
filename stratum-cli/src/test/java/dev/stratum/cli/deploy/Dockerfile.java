package dev.stratum.cli.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Dockerfile read into its stages and instructions, enough to check it without a container engine: line
 * continuations are joined, comments dropped, and the exec (JSON) form of ENTRYPOINT, CMD and HEALTHCHECK is parsed.
 */
record Dockerfile(List<Stage> stages) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One instruction: its keyword in upper case and the rest of its line. */
    record Instruction(String keyword, String arguments) {}

    /** One {@code COPY}: the stage it copies from ({@code null} for the build context), its sources and destination. */
    record Copy(String fromStage, List<String> sources, String destination) {}

    /** One {@code FROM} and the instructions up to the next. */
    record Stage(String image, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        String last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? null : found.get(found.size() - 1).arguments();
        }

        String user() {
            return last("USER");
        }

        String workdir() {
            return last("WORKDIR");
        }

        List<Copy> copies() {
            List<Copy> copies = new ArrayList<>();
            for (Instruction copy : all("COPY")) {
                List<String> words = new ArrayList<>(words(copy.arguments()));
                String from = null;
                while (!words.isEmpty() && words.get(0).startsWith("--")) {
                    String flag = words.remove(0);
                    if (flag.startsWith("--from=")) {
                        from = flag.substring("--from=".length());
                    }
                }
                copies.add(new Copy(from, List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1)));
            }
            return copies;
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction instruction : all("ENV")) {
                for (String word : words(instruction.arguments())) {
                    String[] kv = word.split("=", 2);
                    env.put(kv[0], kv.length == 2 ? kv[1] : "");
                }
            }
            return env;
        }

        List<String> execForm(String keyword) {
            String arguments = last(keyword);
            return arguments == null ? List.of() : json(arguments);
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        for (String line : logicalLines(Files.readString(file))) {
            String[] parts = line.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                List<String> from = words(instruction.arguments());
                current = new ArrayList<>();
                String name = from.size() >= 3 && from.get(1).equalsIgnoreCase("AS") ? from.get(2) : null;
                stages.add(new Stage(from.get(0), name, current));
            } else if (current == null) {
                throw new IllegalStateException(file + ": " + instruction.keyword() + " before the first FROM");
            } else {
                current.add(instruction);
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage lastStage() {
        return stages.get(stages.size() - 1);
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage named '" + name + "'"));
    }

    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            lines.add(pending.toString().strip());
            pending.setLength(0);
        }
        return lines;
    }

    /** Splits on white space, keeping double-quoted parts together (without their quotes). */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                word.append(s.charAt(++i));
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<String> json(String array) {
        try {
            return JSON.readValue(array, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new AssertionError("not the exec form (a JSON array of strings): " + array, e);
        }
    }
}
