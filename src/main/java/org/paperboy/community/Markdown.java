package org.paperboy.community;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Renders comment Markdown (CommonMark) to HTML that is safe to put in a page as it is.
 *
 * <ul>
 *   <li>Raw HTML is escaped, never passed through: {@code <script>} shows as text.
 *   <li>Link targets other than http, https, mailto and relative URLs are emptied, so {@code
 *       javascript:} and {@code data:} links do nothing; links get {@code rel="nofollow ugc
 *       noopener noreferrer"}.
 *   <li>Images become links to the image: a comment cannot make every reader's browser fetch a
 *       third-party URL (a tracking pixel).
 *   <li>Math between {@code $…$} or {@code $$…$$} is kept out of Markdown's hands (underscores and
 *       asterisks in TeX are not emphasis) and written as escaped text in {@code <span
 *       class="math">} with its delimiters, for KaTeX to render in the browser.
 * </ul>
 */
public final class Markdown {

  private static final UrlSanitizer URLS =
      new DefaultUrlSanitizer(List.of("http", "https", "mailto"));
  private static final Parser PARSER =
      Parser.builder()
          .customInlineContentParserFactory(new MathParserFactory())
          .maxInlineNesting(20)
          .build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .escapeHtml(true)
          .sanitizeUrls(true)
          .urlSanitizer(URLS)
          .attributeProviderFactory(
              ctx ->
                  (node, tag, attributes) -> {
                    if (node instanceof Link) {
                      attributes.put("rel", "nofollow ugc noopener noreferrer");
                    }
                  })
          .nodeRendererFactory(MathRenderer::new)
          .nodeRendererFactory(ImageAsLink::new)
          .build();

  private Markdown() {}

  /** The HTML for a Markdown text. */
  public static String toHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
  }

  /** TeX between dollar signs, kept verbatim. */
  static final class Math extends CustomNode {
    final String tex;
    final boolean display;

    Math(String tex, boolean display) {
      this.tex = tex;
      this.display = display;
    }
  }

  private static final class MathParserFactory implements InlineContentParserFactory {
    @Override
    public Set<Character> getTriggerCharacters() {
      return Set.of('$');
    }

    @Override
    public InlineContentParser create() {
      return Markdown::parseMath;
    }
  }

  /**
   * Parses {@code $$…$$} or {@code $…$}. Like Pandoc, inline math must not start or end with a
   * space and its closing {@code $} must not be followed by a digit, so "$5 and $10" stays text.
   */
  private static ParsedInline parseMath(InlineParserState state) {
    Scanner s = state.scanner();
    s.next(); // the opening '$'
    boolean display = s.next('$');
    Position contentStart = s.position();
    if (!display && (!s.hasNext() || Character.isWhitespace(s.peek()))) {
      return ParsedInline.none();
    }
    while (s.hasNext()) {
      char c = s.peek();
      if (c == '\\') {
        s.next();
        if (s.hasNext()) {
          s.next();
        }
        continue;
      }
      if (c != '$') {
        s.next();
        continue;
      }
      Position contentEnd = s.position();
      String tex = s.getSource(contentStart, contentEnd).getContent();
      s.next();
      if (display) {
        if (!s.next('$')) {
          continue;
        }
      } else if (tex.isEmpty()
          || Character.isWhitespace(tex.charAt(tex.length() - 1))
          || Character.isDigit(s.peek())) {
        return ParsedInline.none();
      }
      if (tex.isBlank()) {
        return ParsedInline.none();
      }
      return ParsedInline.of(new Math(tex, display), s.position());
    }
    return ParsedInline.none();
  }

  private static final class MathRenderer implements NodeRenderer {
    private final HtmlWriter html;

    MathRenderer(HtmlNodeRendererContext context) {
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Math.class);
    }

    @Override
    public void render(Node node) {
      Math m = (Math) node;
      html.tag("span", Map.of("class", m.display ? "math display" : "math"));
      html.text(m.display ? "$$" + m.tex + "$$" : "$" + m.tex + "$");
      html.tag("/span");
    }
  }

  private static final class ImageAsLink implements NodeRenderer {
    private final HtmlWriter html;

    ImageAsLink(HtmlNodeRendererContext context) {
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Image.class);
    }

    @Override
    public void render(Node node) {
      Image image = (Image) node;
      StringBuilder alt = new StringBuilder();
      image.accept(
          new AbstractVisitor() {
            @Override
            public void visit(Text text) {
              alt.append(text.getLiteral());
            }
          });
      Map<String, String> attrs = new HashMap<>();
      attrs.put("href", URLS.sanitizeLinkUrl(image.getDestination()));
      attrs.put("rel", "nofollow ugc noopener noreferrer");
      html.tag("a", attrs);
      html.text(alt.length() > 0 ? "image: " + alt : "image");
      html.tag("/a");
    }
  }
}
