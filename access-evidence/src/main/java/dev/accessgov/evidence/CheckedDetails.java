package dev.accessgov.evidence;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Details that {@link EvidenceDetails#copyOf} has already checked and frozen. Every draft and event
 * copies its details on construction; recognising this type lets a sealed event reuse its draft's
 * map instead of copying and checking it again on the hot path of every state change.
 */
final class CheckedDetails extends AbstractMap<String, @Nullable Object>
    implements SortedMap<String, @Nullable Object> {
  private final SortedMap<String, @Nullable Object> frozen;

  /** Wraps an unmodifiable, already checked, naturally ordered map. */
  CheckedDetails(SortedMap<String, @Nullable Object> frozen) {
    this.frozen = frozen;
  }

  @Override
  public @Nullable Object get(Object key) {
    return frozen.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return frozen.containsKey(key);
  }

  @Override
  public int size() {
    return frozen.size();
  }

  @Override
  public Set<Map.Entry<String, @Nullable Object>> entrySet() {
    return frozen.entrySet();
  }

  @Override
  public Set<String> keySet() {
    return frozen.keySet();
  }

  @Override
  public Collection<@Nullable Object> values() {
    return frozen.values();
  }

  @Override
  public @Nullable Comparator<? super String> comparator() {
    return null;
  }

  @Override
  public SortedMap<String, @Nullable Object> subMap(String fromKey, String toKey) {
    return frozen.subMap(fromKey, toKey);
  }

  @Override
  public SortedMap<String, @Nullable Object> headMap(String toKey) {
    return frozen.headMap(toKey);
  }

  @Override
  public SortedMap<String, @Nullable Object> tailMap(String fromKey) {
    return frozen.tailMap(fromKey);
  }

  @Override
  public String firstKey() {
    return frozen.firstKey();
  }

  @Override
  public String lastKey() {
    return frozen.lastKey();
  }
}
