package dev.attrprompt.cli;

import dev.attrprompt.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs analyze, evaluate and compare as the {@code attrprompt} command would: through
 * {@link Main#run} once Main lists them, and until then through a command line with Main's
 * error handling (one line and exit code 2 for a {@link UserError} or a usage mistake).
 */
final class EvalCli {
  private EvalCli() {}

  static CliTest.Result run(Object command, String... args) {
    String name = command.getClass().getAnnotation(CommandLine.Command.class).name();
    if (new CommandLine(new Main()).getSubcommands().containsKey(name)) {
      String[] all = new String[args.length + 1];
      all[0] = name;
      System.arraycopy(args, 0, all, 1, args.length);
      return CliTest.run(all);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter errWriter = new PrintWriter(err);
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(errWriter);
    cli.setParameterExceptionHandler((e, a) -> {
      errWriter.println("error: " + Main.oneLine(e.getMessage()) + " (see 'attrprompt " + name + " --help')");
      return Main.BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof UserError) {
        errWriter.println("error: " + Main.oneLine(e.getMessage()));
        return Main.BAD_INPUT;
      }
      throw e;
    });
    int code = cli.execute(args);
    errWriter.flush();
    return new CliTest.Result(code, out.toString(), err.toString());
  }
}
