package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.util.MapReferenceResolver;

/** Kryo's reference resolver, telling the {@link GraphBudget} whenever an occurrence is a back-reference. */
final class WeighingReferenceResolver extends MapReferenceResolver {

  private final GraphBudget budget;

  WeighingReferenceResolver(GraphBudget budget) {
    this.budget = budget;
  }

  @Override
  public int getWrittenId(Object object) {
    int id = super.getWrittenId(object);
    if (id != -1) {
      budget.backReference();
    }
    return id;
  }

  @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
  @Override
  public Object getReadObject(Class type, int id) {
    if (id < 0 || id >= readObjects.size()) {
      throw new GraphLimitException("reference to object " + id + " which was never read");
    }
    budget.backReference();
    return super.getReadObject(type, id);
  }
}
