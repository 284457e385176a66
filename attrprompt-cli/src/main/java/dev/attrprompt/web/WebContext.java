package dev.attrprompt.web;

/**
 * What every page handler needs: the workspace, the token that state-changing requests carry,
 * whether the server is read-only, the endpoint of runs started from a page, and the runs this
 * server is working on.
 */
public final class WebContext {
  private final Workspace workspace;
  private final String token;
  private final boolean readOnly;
  private final WebOptions.Endpoint endpoint;
  private final RunningRuns runs;
  private final RunRates rates = new RunRates();
  private final Discoveries discoveries = new Discoveries();
  private final ReportCache reports = new ReportCache();

  WebContext(Workspace workspace, String token, boolean readOnly, WebOptions.Endpoint endpoint) {
    this.workspace = workspace;
    this.token = token;
    this.readOnly = readOnly;
    this.endpoint = endpoint;
    this.runs = new RunningRuns();
  }

  public Workspace workspace() {
    return workspace;
  }

  /** The token made at start; pages carry it in a meta tag and in every form. */
  public String token() {
    return token;
  }

  /** Whether every change is refused and pages show no forms. */
  public boolean readOnly() {
    return readOnly;
  }

  /** The server's endpoint settings; a request never supplies any. */
  public WebOptions.Endpoint endpoint() {
    return endpoint;
  }

  RunRates rates() {
    return rates;
  }

  /** The attribute discoveries this server runs. */
  Discoveries discoveries() {
    return discoveries;
  }

  /** The report pages built so far, served again while their runs stay as they were. */
  ReportCache reports() {
    return reports;
  }

  /** The runs this server works on. */
  public RunningRuns runs() {
    return runs;
  }
}
