// OpenTelemetry Java reads OTEL_EXPORTER_OTLP_HEADERS as a map (entries split on ',', each pair on
// its first '=') and URL-decodes each value with java.net.URLDecoder (OtlpConfigUtil). The SDK
// itself is on Maven Central, out of reach here, so this runs that same JDK decoder on the value
// the .env holds. The .env is read line by line: the values we write are unquoted.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

public class Decode {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      String[] f = line.split("\t", -1);
      String expected = "Basic " + Base64.getEncoder().encodeToString((f[3] + ":" + f[4]).getBytes(StandardCharsets.UTF_8));
      String value = "";
      for (String l : Files.readAllLines(Path.of(f[1]), StandardCharsets.UTF_8)) {
        String t = l.startsWith("export ") ? l.substring(7) : l;
        if (t.startsWith(f[2] + "=")) {
          value = t.substring(f[2].length() + 1);
          if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) value = value.substring(1, value.length() - 1);
        }
      }
      String got = null;
      // An optional extra header (name, base64 of its value) must decode too.
      String extra = null;
      for (String entry : value.split(",")) {
        String[] kv = entry.split("=", 2);
        if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("authorization")) {
          got = URLDecoder.decode(kv[1].trim(), StandardCharsets.UTF_8);
        }
        if (kv.length == 2 && f.length > 6 && kv[0].trim().equalsIgnoreCase(f[5])) {
          extra = URLDecoder.decode(kv[1].trim(), StandardCharsets.UTF_8);
        }
      }
      boolean ok = expected.equals(got);
      if (f.length > 6) {
        ok = ok && new String(Base64.getDecoder().decode(f[6]), StandardCharsets.UTF_8).equals(extra);
      }
      System.out.println(f[0] + "\tjava-urldecoder\t" + (ok ? "ok" : "wrong") + "\t" + (got == null ? "null" : "\"" + got + "\""));
    }
  }
}
