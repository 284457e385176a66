# Sourced by ./build and ./attrprompt: finds a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders (newest first).

attrprompt_java_major() {
  # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

attrprompt_find_jdk() {
  local candidates=() seen="" dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ /opt/*jdk*/ /usr/local/*jdk*/ \
                 /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
    candidates+=("${dir%/}")
  done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(attrprompt_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    seen="$seen $major"
    if [ "$major" -ge 21 ]; then
      export JAVA_HOME="$dir"
      ATTRPROMPT_JAVA_MAJOR="$major"
      # Maven 3.9's bundled Guice touches sun.misc.Unsafe, which JDK 24+ warns about at start.
      if [ "$major" -ge 24 ]; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      fi
      return 0
    fi
  done
  echo "attrprompt needs a JDK 21 or newer; found only:${seen:- none}. Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21) or set JAVA_HOME to it." >&2
  return 2
}
