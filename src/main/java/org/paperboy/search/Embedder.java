package org.paperboy.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.paperboy.paper.Json;

/**
 * A sentence-embedding model, int8-quantized ONNX bundled in a langchain4j jar and run in-process
 * by ONNX Runtime; 384 dimensions, unit length. Three models are bundled ({@link Family}), each
 * with the pooling and the query and passage prefixes it was trained with; a model's {@link #name()
 * name} is its family and its word-piece limit, e.g. {@code bge-small-en-v1.5-q/256}, and is the
 * key its vectors are stored under, so another model or limit embeds the papers again.
 *
 * <p>The bundled tokenizers' truncation is rewritten in memory to the chosen limit. ONNX Runtime
 * runs each text on one thread while {@code threads} texts run side by side: on this project's
 * 2-core machine that was faster and steadier than one text on all cores (ARCHITECTURE.md).
 */
public final class Embedder implements AutoCloseable {

  /** Length of the vectors (every bundled model). */
  static final int DIMENSIONS = 384;

  /** The longest input the bundled models take (their position embeddings). */
  static final int MAX_TOKENS = 512;

  /**
   * The default model, chosen by measurement on plain-language and keyword queries (BENCHMARKS.md,
   * "Plain-language search (issue 18)" and "... on the 79k corpus"). 256 word pieces gained 0.03
   * MRR@10 on hand-written descriptions but lost 0.07 on keyword queries in semantic search and
   * embedded 2.5 times slower; bge-small and e5-small were not better on the descriptions.
   */
  static final Spec DEFAULT = new Spec(Family.MINILM, 128);

  /** The word-piece limit of the default model. */
  static final int DEFAULT_MAX_TOKENS = DEFAULT.maxTokens();

  /**
   * A bundled model family.
   *
   * @param label the name in settings and in the vectors' key
   * @param resource the ONNX file and tokenizer name in the model jar
   * @param pooling how word-piece vectors become one
   * @param queryPrefix what the model expects before a query
   * @param passagePrefix what the model expects before a document
   */
  enum Family {
    /** all-MiniLM-L6-v2 (6 layers), the model paperboy started with: no prefixes. */
    MINILM("all-MiniLM-L6-v2-q", "all-minilm-l6-v2-q", PoolingMode.MEAN, "", ""),
    /** BAAI bge-small-en-v1.5 (12 layers): [CLS] pooling, an instruction before queries. */
    BGE_SMALL(
        "bge-small-en-v1.5-q",
        "bge-small-en-v1.5-q",
        PoolingMode.CLS,
        "Represent this sentence for searching relevant passages: ",
        ""),
    /** intfloat e5-small-v2 (12 layers): mean pooling, "query: " and "passage: " prefixes. */
    E5_SMALL("e5-small-v2-q", "e5-small-v2-q", PoolingMode.MEAN, "query: ", "passage: ");

    final String label;
    final String resource;
    final PoolingMode pooling;
    final String queryPrefix;
    final String passagePrefix;

    Family(
        String label,
        String resource,
        PoolingMode pooling,
        String queryPrefix,
        String passagePrefix) {
      this.label = label;
      this.resource = resource;
      this.pooling = pooling;
      this.queryPrefix = queryPrefix;
      this.passagePrefix = passagePrefix;
    }
  }

  /**
   * A model and its word-piece limit.
   *
   * @param family the model
   * @param maxTokens word pieces read of each text, 16 to {@link #MAX_TOKENS}
   */
  record Spec(Family family, int maxTokens) {
    Spec {
      if (maxTokens < 16 || maxTokens > MAX_TOKENS) {
        throw new IllegalArgumentException(
            "an embedding model reads 16 to " + MAX_TOKENS + " word pieces, not " + maxTokens);
      }
    }

    /** The name vectors are stored under, e.g. {@code all-MiniLM-L6-v2-q/128}. */
    String name() {
      return family.label + "/" + maxTokens;
    }

    /**
     * Reads a model name as {@link #name()} writes it; the limit may be left out (128). The family
     * is matched without regard to case.
     */
    static Spec parse(String name) {
      String s = name.strip();
      int slash = s.lastIndexOf('/');
      String label = slash < 0 ? s : s.substring(0, slash);
      int max = DEFAULT_MAX_TOKENS;
      if (slash >= 0) {
        try {
          max = Integer.parseInt(s.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "the embedding model's word-piece limit must be a number, as in "
                  + DEFAULT.name()
                  + ", not '"
                  + name
                  + "'");
        }
      }
      for (Family f : Family.values()) {
        if (f.label.equalsIgnoreCase(label.strip())) {
          return new Spec(f, max);
        }
      }
      throw new IllegalArgumentException(
          "unknown embedding model '"
              + label
              + "'; the bundled ones are "
              + String.join(", ", Arrays.stream(Family.values()).map(f -> f.label).toList()));
    }
  }

  private final Spec spec;
  private final OrtSession session;
  private final ExecutorService pool;
  private final Model model;

  private Embedder(Spec spec, int threads) {
    this.spec = spec;
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(resource(spec.family().resource + ".onnx"), options);
      OnnxBertBiEncoder encoder =
          new OnnxBertBiEncoder(
              env, session, new ByteArrayInputStream(tokenizer(spec)), spec.family().pooling);
      AtomicInteger n = new AtomicInteger();
      pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "paperboy-embed-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      model = new Model(pool, encoder);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model " + spec.name(), e);
    }
  }

  /** Loads a model, embedding batches on {@code threads} threads. */
  static Embedder load(Spec spec, int threads) {
    return new Embedder(spec, threads);
  }

  /**
   * Loads a model by name ({@code bge-small-en-v1.5-q/256}; see {@link Spec#parse}), embedding
   * batches on {@code threads} threads: for benchmarks, which compare models outside an index.
   */
  public static Embedder load(String model, int threads) {
    return load(Spec.parse(model), threads);
  }

  /** Loads the default model family with a word-piece limit. */
  static Embedder load(int maxTokens, int threads) {
    return load(new Spec(DEFAULT.family(), maxTokens), threads);
  }

  /** The default model family's name with a word-piece limit, e.g. {@code ...-q/256}. */
  static String name(int maxTokens) {
    return new Spec(DEFAULT.family(), maxTokens).name();
  }

  /** This model's name. */
  public String name() {
    return spec.name();
  }

  /** Embeds a query on the calling thread, with the model's query prefix. */
  public float[] embed(String query) {
    return model.embed(spec.family().queryPrefix + query).content().vector();
  }

  /** Embeds documents on the model's threads, in order, with the model's passage prefix. */
  public List<float[]> embedAll(List<String> texts) {
    String prefix = spec.family().passagePrefix;
    List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(prefix + t)).toList();
    return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = Embedder.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("embedding model resource missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bundled tokenizer truncating at the model's limit. all-MiniLM's tokenizer truncates (at
   * 128) and pads to 128, which is kept so its vectors stay those stored before; the others do
   * neither, and get the same truncation.
   */
  private static byte[] tokenizer(Spec spec) {
    try {
      ObjectNode root =
          (ObjectNode) Json.MAPPER.readTree(resource(spec.family().resource + "-tokenizer.json"));
      ObjectNode truncation = Json.MAPPER.createObjectNode();
      truncation.put("direction", "Right");
      truncation.put("max_length", spec.maxTokens());
      truncation.put("strategy", "LongestFirst");
      truncation.put("stride", 0);
      root.set("truncation", truncation);
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** langchain4j's in-process model around our encoder and thread pool. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(ExecutorService executor, OnnxBertBiEncoder encoder) {
      super(executor);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSIONS;
    }
  }
}
