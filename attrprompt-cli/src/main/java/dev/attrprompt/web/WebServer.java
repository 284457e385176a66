package dev.attrprompt.web;

import dev.attrprompt.UserError;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The local web app over a workspace: {@link #start} binds, makes the token and registers each
 * area's pages; {@link #close} stops the runs this server works on and the server.
 *
 * <pre>{@code
 * try (WebServer server = WebServer.start(new WebOptions(dir, "127.0.0.1", 0, false, endpoint))) {
 *   System.out.println(server.url());
 * }
 * }</pre>
 */
public final class WebServer implements AutoCloseable {
  private final Javalin app;
  private final WebContext web;
  private final URI url;

  private WebServer(Javalin app, WebContext web, URI url) {
    this.app = app;
    this.web = web;
    this.url = url;
  }

  /**
   * Serves {@code options.root()} on {@code options.host()}:{@code options.port()}.
   *
   * @throws UserError when the folder cannot be served or the port is taken
   */
  public static WebServer start(WebOptions options) {
    Workspace workspace = new Workspace(options.root());
    WebContext web = new WebContext(workspace, newToken(), options.readOnly(), options.endpoint());
    boolean anyHost = isWildcard(options.host());
    Guard[] guard = new Guard[1]; // made once the port is known (port 0 picks one when binding)
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.jetty.host = options.host();
      cfg.jetty.port = options.port();
      cfg.http.maxRequestSize = 1_000_000;
      RoutesConfig routes = cfg.routes;
      routes.before(ctx -> guard[0].check(ctx));
      routes.exception(Guard.Refused.class, (e, ctx) -> Layout.error(ctx, web, e.status, e.getMessage()));
      routes.exception(UserError.class, (e, ctx) -> Layout.error(ctx, web, 400, e.getMessage()));
      routes.exception(Exception.class, (e, ctx) -> Layout.error(ctx, web, 500,
          "the server failed on this request (a bug; the command line shows more): " + e.getClass().getSimpleName()));
      routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().startsWith("Endpoint ")) {
          Layout.error(ctx, web, 404, "there is no such page, task or run in this workspace");
        }
      });
      routes.get("/static/app.js", ctx -> staticFile(ctx, "app.js", "text/javascript; charset=utf-8"));
      routes.get("/static/app.css", ctx -> staticFile(ctx, "app.css", "text/css; charset=utf-8"));
      HomePages.register(routes, web);
      RunPages.register(routes, web);
      ReportPages.register(routes, web);
      TaskPages.register(routes, web);
      SamplePages.register(routes, web);
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      if (e instanceof io.javalin.util.JavalinBindException || e.getCause() instanceof java.net.BindException) {
        throw new UserError("cannot serve on " + options.host() + ":" + options.port()
            + " (in use, or not an address of this machine): pass another --port (0 picks a free one) or --host");
      }
      throw e;
    }
    int port = app.port();
    guard[0] = new Guard(web, Guard.hostsFor(options.host(), port), anyHost, port);
    String shown = anyHost ? WebOptions.LOCAL : options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return new WebServer(app, web, URI.create("http://" + shown + ":" + port + "/"));
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  private static String newToken() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static void staticFile(Context ctx, String name, String type) throws IOException {
    try (InputStream in = WebServer.class.getResourceAsStream("/web/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar holds no /web/static/" + name);
      }
      ctx.contentType(type).result(in.readAllBytes());
    }
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The home page's address, e.g. {@code http://127.0.0.1:8090/}. */
  public URI url() {
    return url;
  }

  /** The token every state-changing request must carry. */
  public String token() {
    return web.token();
  }

  /** What the pages share (the workspace, the runs this server works on). */
  public WebContext context() {
    return web;
  }

  /**
   * Stops the attribute discoveries (nothing more asked; none leaves its attribute set half
   * written) and the runs this server works on (keeping what is on the wire), then the server.
   */
  @Override
  public void close() {
    web.discoveries().close(Duration.ofSeconds(60));
    web.runs().stopAll(Duration.ofSeconds(60));
    app.stop();
  }
}
