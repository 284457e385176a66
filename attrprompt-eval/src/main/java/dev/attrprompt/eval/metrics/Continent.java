package dev.attrprompt.eval.metrics;

/** The six inhabited continents, as the gazetteer assigns countries to them. */
public enum Continent {
  AFRICA("AF", "Africa"),
  ASIA("AS", "Asia"),
  EUROPE("EU", "Europe"),
  NORTH_AMERICA("NA", "North America"),
  SOUTH_AMERICA("SA", "South America"),
  OCEANIA("OC", "Oceania");

  private final String code;
  private final String displayName;

  Continent(String code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  public String code() {
    return code;
  }

  public String displayName() {
    return displayName;
  }

  static Continent ofCode(String code) {
    for (Continent c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown continent code " + code);
  }
}
