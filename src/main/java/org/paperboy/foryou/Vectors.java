package org.paperboy.foryou;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Sentence vectors as profiles use them: normalized to unit length (so a dot product is the
 * cosine), and kept in the database as base64 of little-endian floats.
 */
public final class Vectors {

  private Vectors() {}

  /** The dot product; the cosine of two normalized vectors. */
  public static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The vector scaled to length 1 (a zero vector stays zero). */
  public static float[] normalized(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = n == 0 ? 0 : (float) (v[i] / n);
    }
    return out;
  }

  /**
   * The mean of these vectors (normalized ones: the centre of a set of papers), or null for none.
   */
  public static float[] mean(Iterable<float[]> vectors) {
    float[] sum = null;
    int n = 0;
    for (float[] v : vectors) {
      if (v == null) {
        continue;
      }
      if (sum == null) {
        sum = new float[v.length];
      }
      for (int i = 0; i < v.length; i++) {
        sum[i] += v[i];
      }
      n++;
    }
    if (sum != null) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] /= n;
      }
    }
    return sum;
  }

  /**
   * A normalized vector seen from a background (the mean of the papers it is compared among):
   * {@code normalized(v - background)}, or {@code v} itself without a background. Sentence vectors
   * of papers share a large common direction, so raw cosines of any two papers of a field are high;
   * from the background, the cosine says how much two papers agree in what sets them apart.
   */
  public static float[] centred(float[] v, float[] background) {
    if (background == null) {
      return v;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] - background[i];
    }
    return normalized(out);
  }

  /** The vector as base64 text of little-endian floats. */
  public static String encode(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  /** The vector {@link #encode} wrote. */
  public static float[] decode(String s) {
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[b.remaining() / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }
}
