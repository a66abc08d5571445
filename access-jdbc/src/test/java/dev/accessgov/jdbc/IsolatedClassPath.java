package dev.accessgov.jdbc;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * This test JVM's class path in a class loader of its own, without the jars whose file names start
 * with given prefixes: the library as an application that did not declare them sees it. Classes
 * loaded through it (access-jdbc, Flyway, SLF4J) are fresh copies with their own static state.
 */
final class IsolatedClassPath {
  private IsolatedClassPath() {}

  /** A loader over the class path less the jars named {@code prefix*}. */
  static URLClassLoader without(String... prefixes) throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    entries:
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      String name = new File(entry).getName();
      for (String prefix : prefixes) {
        if (name.startsWith(prefix)) {
          continue entries;
        }
      }
      urls.add(new File(entry).toURI().toURL());
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** Runs {@code work} with {@code loader} as the thread's context class loader. */
  static <T> T as(ClassLoader loader, Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
