package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.web.WebOptions;
import dev.attrprompt.web.WebServer;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attrprompt serve}: the local web app over a workspace folder. It listens on 127.0.0.1
 * unless {@code --host} says otherwise (said in one line at start); runs started from a page use
 * this command's endpoint options and environment, never a key from a page.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves a workspace folder (its task and run folders) as a local web app: tasks,",
        "runs with live progress, start/resume/stop and export, reports. It listens on 127.0.0.1",
        "unless --host says otherwise; changes need the token its pages carry. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
  static final int DEFAULT_PORT = 8090;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
      description = "The workspace folder (default: the current folder).")
  Path dir;

  @Option(names = "--port", paramLabel = "P", defaultValue = "" + DEFAULT_PORT,
      description = "Port, 0 to 65535; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "H", defaultValue = WebOptions.LOCAL,
      description = "Address to bind (default: ${DEFAULT-VALUE}); any other is reachable from other machines.")
  String host;

  @Option(names = "--read-only", description = "Serve everything, change nothing: no forms, every change refused.")
  boolean readOnly;

  @Mixin EndpointOptions endpoint;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment the key and base URL of page-started runs are read from (tests give their own). */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!java.nio.file.Files.isDirectory(dir)) {
      throw new UserError(dir + ": no such folder; serve a folder that holds task or run folders");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UserError("--host " + host + " is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for "
          + "every interface");
    }
    WebOptions.Endpoint llm = model -> endpoint.llm(env, model);
    WebServer server = WebServer.start(new WebOptions(dir, host, port, readOnly, llm));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close(); // stops page-started runs (keeping what is on the wire), then the server
      stopped.countDown();
    }, "attrprompt-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (!address.isLoopbackAddress()) {
      err.println("attrprompt serve: listening on " + host + ":" + server.port() + ": reachable from other "
          + "machines; anyone who reaches it can read the workspace" + (readOnly ? "" : ", change it and start runs "
          + "on this server's key (--read-only stops that)") + " (--host 127.0.0.1 keeps it on this one)");
      err.flush();
    }
    out.println("attrprompt serves " + dir.toAbsolutePath().normalize() + (readOnly ? " (read-only)" : "")
        + " at " + server.url() + "   (stop with Ctrl-C)");
    out.flush();
    stopped.await();
    return 0;
  }
}
