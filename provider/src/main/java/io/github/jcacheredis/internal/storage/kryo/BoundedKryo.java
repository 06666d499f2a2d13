package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.ClassResolver;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;

/**
 * Kryo with a {@link GraphBudget}: every object read or written passes through one of the overridden methods
 * below (serializers read their children through them), which weigh it and bound the depth. Reading starts with
 * {@link #beginRead(int)}, which sets the work the bytes may cost; writing with {@link #beginWrite()}, after
 * which {@link #checkWritten(int)} refuses a value that no reader would accept.
 */
public final class BoundedKryo extends Kryo {

  private final GraphBudget budget;
  private final WeighingReferenceResolver references;

  /** @param classResolver the resolver that checks classes against the allow-list */
  public BoundedKryo(ClassResolver classResolver) {
    this(classResolver, new GraphBudget());
  }

  private BoundedKryo(ClassResolver classResolver, GraphBudget budget) {
    this(classResolver, budget, new WeighingReferenceResolver(budget));
  }

  private BoundedKryo(ClassResolver classResolver, GraphBudget budget, WeighingReferenceResolver references) {
    super(classResolver, references);
    this.budget = budget;
    this.references = references;
    setMaxDepth(GraphBudget.MAX_DEPTH * 2);
  }

  /**
   * Starts reading one serialized graph.
   *
   * @param bytes its size (decompressed), which sets the work reading it may take
   */
  public void beginRead(int bytes) {
    // Reading may cost twice what writing the same graph measured, so what was written is always read back.
    budget.begin(2 * GraphBudget.limitFor(bytes));
  }

  /** Starts writing one graph; its budget is checked once its size is known. */
  public void beginWrite() {
    budget.begin(Long.MAX_VALUE / 4);
  }

  /**
   * @param bytes the size of what was written
   * @throws GraphLimitException if a reader would reject a graph of this size and shape
   */
  public void checkWritten(int bytes) {
    long limit = GraphBudget.limitFor(bytes);
    if (budget.work() > limit) {
      throw new GraphLimitException("the value's object graph unfolds to " + budget.work()
          + " objects through shared references, more than the " + limit + " its " + bytes
          + " bytes may cost a reader");
    }
  }

  /**
   * @param on whether strings are written and read as references (format version 2) or, from version 3 on, as
   *           plain values; with references off altogether ({@link #setReferences}) this has no effect
   */
  public void setStringReferences(boolean on) {
    references.setStringReferences(on);
  }

  /** Forgets the objects of the last graph. */
  public void end() {
    budget.end();
  }

  /**
   * Charges work a serializer does beyond reading objects (hashing, comparing).
   *
   * @param units the work
   */
  void charge(long units) {
    budget.charge(units);
  }

  /** @return the unfolded size of an object of the current graph */
  long weightOf(Object object) {
    return budget.weightOf(object);
  }

  @Override
  public Object readClassAndObject(Input input) {
    budget.enter();
    Object object = super.readClassAndObject(input);
    budget.leave(object);
    return object;
  }

  @Override
  public <T> T readObject(Input input, Class<T> type) {
    budget.enter();
    T object = super.readObject(input, type);
    budget.leave(object);
    return object;
  }

  @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
  @Override
  public <T> T readObject(Input input, Class<T> type, Serializer serializer) {
    budget.enter();
    T object = super.readObject(input, type, serializer);
    budget.leave(object);
    return object;
  }

  @Override
  public <T> T readObjectOrNull(Input input, Class<T> type) {
    budget.enter();
    T object = super.readObjectOrNull(input, type);
    budget.leave(object);
    return object;
  }

  @SuppressWarnings({"rawtypes", "unchecked"}) // overrides Kryo's raw-typed signature
  @Override
  public <T> T readObjectOrNull(Input input, Class<T> type, Serializer serializer) {
    budget.enter();
    T object = isPlainString(serializer) ? (T) serializer.read(this, input, type)
        : super.readObjectOrNull(input, type, serializer);
    budget.leave(object);
    return object;
  }

  @Override
  public void writeClassAndObject(Output output, Object object) {
    budget.enter();
    super.writeClassAndObject(output, object);
    budget.leave(object);
  }

  @Override
  public void writeObject(Output output, Object object) {
    budget.enter();
    super.writeObject(output, object);
    budget.leave(object);
  }

  @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
  @Override
  public void writeObject(Output output, Object object, Serializer serializer) {
    budget.enter();
    super.writeObject(output, object, serializer);
    budget.leave(object);
  }

  @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
  @Override
  public void writeObjectOrNull(Output output, Object object, Class type) {
    budget.enter();
    super.writeObjectOrNull(output, object, type);
    budget.leave(object);
  }

  @SuppressWarnings({"rawtypes", "unchecked"}) // overrides Kryo's raw-typed signature
  @Override
  public void writeObjectOrNull(Output output, Object object, Serializer serializer) {
    budget.enter();
    if (isPlainString(serializer)) {
      serializer.write(this, output, object);
    } else {
      super.writeObjectOrNull(output, object, serializer);
    }
    budget.leave(object);
  }

  /**
   * Whether a string in a field (or another place whose type is known to be {@code String}) is written as its
   * bytes alone. Kryo with references on spends a byte before each such string to say "not null", even when
   * strings are not tracked as references; its string serializer already encodes null itself, as Kryo does
   * without references.
   */
  private boolean isPlainString(Serializer<?> serializer) {
    return !references.stringReferences() && serializer instanceof DefaultSerializers.StringSerializer;
  }
}
