package io.seqscore.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The page's files, from the classpath: {@code /} is {@code index.html}, {@code /favicon.ico} (where browsers
 * look when a page names no icon) the page's {@code favicon.svg}, {@code /dashboard/NAME} a file of
 * {@value #BASE}, and {@code /dashboard/vendor/chart.umd.min.js} Chart.js from its WebJar (the version
 * read from the WebJar's own {@code pom.properties}, so no version is written twice).
 */
final class StaticAssets implements HttpHandler {
    static final String BASE = "io/seqscore/app/dashboard/static/";
    static final String PREFIX = "/dashboard/";
    static final String CHART_JS = PREFIX + "vendor/chart.umd.min.js";
    static final String FAVICON_ICO = "/favicon.ico";
    private static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private final ClassLoader loader;
    private final String chartJs;

    StaticAssets() {
        this.loader = StaticAssets.class.getClassLoader();
        this.chartJs = "META-INF/resources/webjars/chart.js/" + chartJsVersion(loader) + "/dist/chart.umd.min.js";
    }

    static String chartJsVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(CHART_JS_POM)) {
            if (in == null) {
                throw new IllegalStateException("the Chart.js WebJar is not on the classpath (" + CHART_JS_POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(CHART_JS_POM + " names no version");
            }
            return version.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String resource;
        if (path.equals("/")) {
            resource = BASE + "index.html";
        } else if (path.equals(FAVICON_ICO)) {
            resource = BASE + "favicon.svg";
        } else if (path.equals(CHART_JS)) {
            resource = chartJs;
        } else if (path.startsWith(PREFIX) && NAME.matcher(path.substring(PREFIX.length())).matches()) {
            resource = BASE + path.substring(PREFIX.length());
        } else {
            HttpReplies.error(exchange, 404, "no such file: " + path);
            return;
        }
        byte[] body;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                HttpReplies.error(exchange, 404, "no such file: " + path);
                return;
            }
            body = in.readAllBytes();
        }
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        boolean vendor = resource.equals(chartJs);
        HttpReplies.send(exchange, 200, TYPES.get(extension), vendor ? "public, max-age=86400" : "no-store", body);
    }
}
