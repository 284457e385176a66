package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code attrprompt} command: subcommands, exit codes and one-line error messages. */
@Command(
    name = "attrprompt",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
        "Generates labeled training data for text classification with a large language model,",
        "with attributed prompts (AttrPrompt) or class-conditional prompts (SimPrompt)."},
    subcommands = {
        DemoCommand.class,
        InitCommand.class,
        PromptsCommand.class,
        EstimateCommand.class,
        AnalyzeCommand.class,
        EvaluateCommand.class,
        CompareCommand.class,
        CheckCommand.class,
        ReportCommand.class,
        GenerateCommand.class,
        SimulateCommand.class,
        StatusCommand.class,
        ExportCommand.class,
        ServeCommand.class,
        AttributesCommand.class,
        BatchCommand.class,
        BenchCommand.class,
        WarmUpCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code for a failure while working. */
  public static final int FAILURE = 1;
  /** Exit code for bad input or usage. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests too). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setUsageHelpAutoWidth(true);
    HelpLayout.apply(cli);
    cli.setParameterExceptionHandler((e, a) -> {
      CommandLine cmd = e.getCommandLine();
      err.println("error: " + oneLine(e.getMessage()) + " (see '"
          + cmd.getCommandSpec().qualifiedName() + " --help')");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof UserError || e instanceof dev.attrprompt.llm.EndpointError ee && ee.userCaused()) {
        err.println("error: " + oneLine(e.getMessage()));
        return BAD_INPUT;
      }
      if (e instanceof WorkFailure) {
        err.println("error: " + oneLine(e.getMessage()));
        return FAILURE;
      }
      err.println("attrprompt failed unexpectedly (this is a bug; please report it):");
      e.printStackTrace(err);
      return FAILURE;
    });
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      // no stack trace: the trace of an exhausted heap says nothing about what to do
      err.println("error: the Java heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MB) ran out; give it more with ATTRPROMPT_JAVA_OPTS=-Xmx4g (for example), or make the "
          + "job smaller");
      code = FAILURE;
    }
    out.flush();
    err.flush();
    return code;
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** The version the build wrote into the jar. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/attrprompt-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }

  /** Reads the version that the build wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"attrprompt " + version(),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
