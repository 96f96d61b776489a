package org.paperboy.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus' text exposition format 0.0.4, as Prometheus' own scraper reads it:
 * {@code # HELP} and {@code # TYPE} lines, samples {@code name{label="value",...} value
 * [timestamp]} with escaped label values, every sample in the family its last {@code # TYPE} named,
 * no sample twice, histogram buckets cumulative with {@code le="+Inf"} equal to {@code _count}.
 * Throws {@link IllegalArgumentException} naming the line on anything else. (No Java parser of the
 * format resolves from the registry; this follows the format's specification.)
 */
final class PrometheusText {

  record Sample(String name, Map<String, String> labels, double value) {}

  record Family(String name, String type, List<Sample> samples) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private PrometheusText() {}

  static Map<String, Family> parse(String text) {
    Map<String, Family> families = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    Family current = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("#")) {
          String[] parts = line.split(" ", 4);
          if (parts.length >= 3 && parts[1].equals("TYPE")) {
            require(parts.length == 4 && TYPES.contains(parts[3]), "bad TYPE");
            require(NAME.matcher(parts[2]).matches(), "bad family name");
            require(!families.containsKey(parts[2]), "family declared twice");
            current = new Family(parts[2], parts[3], new ArrayList<>());
            families.put(parts[2], current);
          } else if (parts.length >= 3 && parts[1].equals("HELP")) {
            require(NAME.matcher(parts[2]).matches(), "bad HELP name");
          }
          continue;
        }
        Sample s = sample(line);
        require(current != null, "sample before any TYPE");
        require(belongs(s.name(), current), "sample outside its family " + current.name());
        require(seen.add(s.name() + new TreeMap<>(s.labels())), "sample twice");
        current.samples().add(s);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + n + ": " + e.getMessage() + ": " + line, e);
      }
    }
    families.values().stream()
        .filter(f -> f.type().equals("histogram"))
        .forEach(PrometheusText::checkHistogram);
    return families;
  }

  private static boolean belongs(String sample, Family f) {
    if (f.type().equals("histogram")) {
      return sample.equals(f.name() + "_bucket")
          || sample.equals(f.name() + "_sum")
          || sample.equals(f.name() + "_count");
    }
    if (f.type().equals("summary")) {
      return sample.equals(f.name())
          || sample.equals(f.name() + "_sum")
          || sample.equals(f.name() + "_count");
    }
    return sample.equals(f.name());
  }

  private static Sample sample(String line) {
    Matcher m = NAME.matcher(line);
    require(m.lookingAt(), "no metric name");
    String name = m.group();
    int i = m.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        Matcher l = LABEL.matcher(line).region(i, line.length());
        require(l.lookingAt(), "bad label name");
        String label = l.group();
        i = l.end();
        require(line.startsWith("=\"", i), "label without =\"");
        i += 2;
        StringBuilder value = new StringBuilder();
        while (line.charAt(i) != '"') {
          char c = line.charAt(i++);
          if (c == '\\') {
            char e = line.charAt(i++);
            require(e == '\\' || e == '"' || e == 'n', "bad escape");
            value.append(e == 'n' ? '\n' : e);
          } else {
            value.append(c);
          }
        }
        i++;
        require(labels.put(label, value.toString()) == null, "label twice");
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    require(i < line.length() && line.charAt(i) == ' ', "no space before the value");
    String[] rest = line.substring(i + 1).split(" ");
    require(rest.length == 1 || (rest.length == 2 && rest[1].matches("-?\\d+")), "bad value");
    return new Sample(name, labels, value(rest[0]));
  }

  private static double value(String v) {
    return switch (v) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        require(v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"), "bad number " + v);
        yield Double.parseDouble(v);
      }
    };
  }

  private static void checkHistogram(Family f) {
    Map<Map<String, String>, List<Sample>> series = new LinkedHashMap<>();
    Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
    for (Sample s : f.samples()) {
      Map<String, String> key = new TreeMap<>(s.labels());
      key.remove("le");
      if (s.name().endsWith("_bucket")) {
        require(s.labels().containsKey("le"), f.name() + ": bucket without le");
        series.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
      } else if (s.name().endsWith("_count")) {
        counts.put(key, s.value());
      }
    }
    series.forEach(
        (key, buckets) -> {
          double last = 0;
          for (Sample b : buckets) {
            require(b.value() >= last, f.name() + ": buckets not cumulative");
            last = b.value();
          }
          Sample inf = buckets.get(buckets.size() - 1);
          require(inf.labels().get("le").equals("+Inf"), f.name() + ": no +Inf bucket last");
          require(inf.value() == counts.get(key), f.name() + ": +Inf bucket is not _count");
        });
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }
}
