package org.spinj.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where dataset files are looked up, in order: the explicit directory (the command line's {@code
 * --data-dir}), the environment variable {@value #ENV}, then {@code ../shared/data} relative to
 * the working directory. A file is taken from the first of them that holds it.
 *
 * @param candidates the directories in lookup order, each with where it came from
 */
public record DataDirectory(List<Candidate> candidates) {

    /** The environment variable naming the data directory. */
    public static final String ENV = "SPINJ_DATA";
    /** The default, relative to the working directory. */
    public static final Path DEFAULT = Paths.get("..", "shared", "data");

    /**
     * One place to look.
     *
     * @param dir the directory
     * @param origin where it came from ("--data-dir", "SPINJ_DATA", "default")
     */
    public record Candidate(Path dir, String origin) {
        /** Validates. */
        public Candidate {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** Copies. */
    public DataDirectory {
        candidates = List.copyOf(candidates);
    }

    /**
     * @param explicit the directory given on the command line, or null
     * @return the lookup order from the argument, the process environment and the default
     */
    public static DataDirectory resolve(Path explicit) {
        return resolve(explicit, System.getenv(ENV), Paths.get(""));
    }

    /**
     * @param explicit the directory given on the command line, or null
     * @param env the value of {@value #ENV}, or null
     * @param workingDir the directory {@link #DEFAULT} is relative to
     * @return the lookup order
     */
    public static DataDirectory resolve(Path explicit, String env, Path workingDir) {
        List<Candidate> list = new ArrayList<>();
        if (explicit != null) {
            list.add(new Candidate(explicit, "--data-dir"));
        }
        if (env != null && !env.isBlank()) {
            list.add(new Candidate(Paths.get(env), ENV));
        }
        list.add(new Candidate(workingDir.resolve(DEFAULT), "default"));
        return new DataDirectory(list);
    }

    /**
     * Finds a file.
     *
     * @param relative the file's path under a data directory, e.g. {@code aqi36/pm25_ground.txt}
     * @return the first existing match
     * @throws IllegalArgumentException naming the file and every place looked in
     */
    public Path file(String relative) {
        Objects.requireNonNull(relative, "relative");
        for (Candidate c : candidates) {
            Path p = c.dir().resolve(relative);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        StringBuilder where = new StringBuilder();
        for (Candidate c : candidates) {
            where.append(where.length() == 0 ? "" : ", ")
                    .append(c.dir().resolve(relative).toAbsolutePath().normalize())
                    .append(" (").append(c.origin()).append(')');
        }
        throw new IllegalArgumentException("dataset file " + relative + " is missing; looked in: "
                + where + ". Pass --data-dir or set " + ENV + " to the folder that holds it");
    }
}
