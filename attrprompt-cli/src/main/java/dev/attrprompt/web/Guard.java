package dev.attrprompt.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before every handler. It answers 403 to a request whose Host is not this server (a
 * DNS-rebinding page; bound to every address, the server answers to address literals and this
 * machine's own names only), whose Origin is another site's or whose {@code Sec-Fetch-Site} says
 * cross-site; to any method but GET and HEAD without the server's token (header
 * {@code X-Attrprompt-Token} or form field {@code _token}); and to every change on a read-only
 * server. It also sets the security headers of every response.
 */
final class Guard {
  static final String HEADER = "X-Attrprompt-Token";
  static final String FIELD = "_token";

  private final WebContext web;
  private final Set<String> hosts;
  private final boolean anyHost;
  private final int port;

  /**
   * @param hosts the {@code host:port} names this server answers to
   * @param anyHost whether the server is bound to every address (by a person's choice): then it
   *     also answers to any address literal and to this machine's own names, at its port, but
   *     never to another domain name, which a DNS-rebinding page could point at this machine
   * @param port the port the server listens on
   */
  Guard(WebContext web, Set<String> hosts, boolean anyHost, int port) {
    this.web = web;
    this.hosts = Set.copyOf(hosts);
    this.anyHost = anyHost;
    this.port = port;
  }

  /** Whether a wildcard-bound server answers to this Host: an address literal or a name of this machine. */
  boolean admitsOnWildcard(String host) {
    String suffix = ":" + port;
    if (!host.endsWith(suffix)) {
      return false;
    }
    String name = host.substring(0, host.length() - suffix.length());
    if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.matches("\\[[0-9a-f:.]+]")) {
      return true;
    }
    return ownNames().contains(name);
  }

  private static Set<String> ownNames() {
    java.util.Set<String> names = new java.util.HashSet<>(Set.of("localhost"));
    try {
      java.net.InetAddress me = java.net.InetAddress.getLocalHost();
      names.add(me.getHostName().toLowerCase(Locale.ROOT));
      names.add(me.getCanonicalHostName().toLowerCase(Locale.ROOT));
    } catch (java.io.IOException e) {
      // a machine without a name of its own: address literals and localhost still work
    }
    return names;
  }

  /** The names this server answers to ({@code host:port}), for the Host and Origin checks. */
  static Set<String> hostsFor(String boundHost, int port) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    out.add("127.0.0.1:" + port);
    out.add("localhost:" + port);
    out.add("[::1]:" + port);
    out.add(hostPart(boundHost) + ":" + port);
    return out;
  }

  private static String hostPart(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  void check(Context ctx) {
    Layout.securityHeaders(ctx, Layout.CSP);
    String host = String.valueOf(ctx.header("Host")).toLowerCase(Locale.ROOT);
    if (!hosts.contains(host) && !(anyHost && admitsOnWildcard(host))) {
      refuse(ctx, "this server answers only to its own address");
    }
    String origin = ctx.header("Origin");
    String site = ctx.header("Sec-Fetch-Site");
    // the pages' no-referrer policy makes browsers send "Origin: null" with their own forms; then
    // the browser's Sec-Fetch-Site (which no page can set) must say the request is same-origin
    boolean ownForm = "null".equals(origin) && "same-origin".equalsIgnoreCase(site);
    if (origin != null && !ownForm && !origin.equalsIgnoreCase("http://" + host)) {
      refuse(ctx, "requests from other sites are refused");
    }
    boolean change = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
    if ("cross-site".equalsIgnoreCase(site) || change && "same-site".equalsIgnoreCase(site)) {
      refuse(ctx, "requests from other sites are refused");
    }
    if (!change) {
      return;
    }
    if (web.readOnly()) {
      refuse(ctx, "this server is read-only: nothing can be changed");
    }
    String given = ctx.header(HEADER);
    if (given == null && isForm(ctx)) {
      given = ctx.formParam(FIELD);
    }
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        web.token().getBytes(StandardCharsets.UTF_8))) {
      refuse(ctx, "this change needs the page's token: reload the page and try again");
    }
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
  }

  private static void refuse(Context ctx, String why) {
    throw new Refused(403, why);
  }

  /** A request refused with a status and one line for the person. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
