package org.paperboy.web;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * HTTP/1.1 connections that keep the path of a request whose URI does not decode ({@code
 * /api/papers/%zz}, {@code /api/papers/%}, {@code /api/papers/%00}).
 *
 * <p>Jetty refuses such a request line with 400 before it makes a request of it, so its error page
 * saw only a placeholder ({@code BAD /badMessage}) and could not tell an API call, which must get a
 * problem document, from a page. Here the request is started on the same URI with each {@code %}
 * escaped as {@code %25} (the text the client sent, as a URI that decodes), then refused just as
 * Jetty refuses it (400, connection closed): {@link JettyErrorPage} sees the path the client asked
 * for. Nothing is served on the escaped URI.
 *
 * <p>Jetty's {@code HttpConnection} lives in an internal package; its request handler is the hook
 * it offers subclasses. {@code BadInputTest} fails if an upgrade changes that.
 */
final class UndecodableUris extends HttpConnectionFactory {

  private static final String UNDECODABLE =
      "its URI does not decode (a % must start an escape such as %20 of a character a path may"
          + " hold)";

  private UndecodableUris(HttpConfiguration config) {
    super(config);
  }

  /**
   * Puts these connections in place of Jetty's plain HTTP/1.1 ones on every connector of the server
   * as it starts (Javalin adds its connector after the app is configured).
   */
  static void install(Server server) {
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(LifeCycle event) {
            for (Connector c : server.getConnectors()) {
              HttpConnectionFactory plain = c.getConnectionFactory(HttpConnectionFactory.class);
              if (c instanceof ServerConnector connector
                  && plain != null
                  && !(plain instanceof UndecodableUris)) {
                UndecodableUris factory = new UndecodableUris(plain.getHttpConfiguration());
                factory.setTransferEncodingChunkMaxLength(
                    plain.getTransferEncodingChunkMaxLength());
                // the same protocol name, so it replaces the plain factory
                connector.addConnectionFactory(factory);
              }
            }
          }
        });
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    KeepingPath connection = new KeepingPath(getHttpConfiguration(), connector, endPoint);
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }

  /** The URI with every {@code %} escaped: what the client sent, as a URI that decodes. */
  static String escapePercents(String uri) {
    return uri.replace("%", "%25");
  }

  private static final class KeepingPath extends HttpConnection {

    KeepingPath(HttpConfiguration config, Connector connector, EndPoint endPoint) {
      super(config, connector, endPoint);
    }

    @Override
    protected RequestHandler newRequestHandler() {
      return new EscapingHandler();
    }

    private final class EscapingHandler extends RequestHandler {

      @Override
      public void startRequest(String method, String uri, HttpVersion version) {
        try {
          super.startRequest(method, uri, version);
        } catch (IllegalArgumentException e) {
          // Jetty could not make a URI of it and started no request yet.
          String escaped = escapePercents(uri);
          if (escaped.equals(uri)) {
            throw e;
          }
          super.startRequest(method, escaped, version);
          throw new HttpException.RuntimeException(400, UNDECODABLE);
        }
      }
    }
  }
}
