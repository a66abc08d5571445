package dev.accessgov.spi;

/** The observer behind {@link AccessObserver#none()}. */
enum NoObserver implements AccessObserver {
  INSTANCE;

  @Override
  public String toString() {
    return "AccessObserver.none()";
  }
}
