package org.paperboy.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Takes a request's client address and scheme from {@code Forwarded} or {@code X-Forwarded-For} /
 * {@code X-Forwarded-Proto} (Jetty's {@link ForwardedRequestCustomizer}) only when the request
 * comes from one of {@code PAPERBOY_TRUSTED_PROXIES}. From anyone else those headers are ignored: a
 * client cannot pick its own address (and so its own rate limit) or pretend to be on https.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {

  private final InetAddressSet proxies = new InetAddressSet();
  private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

  TrustedProxies(List<String> proxies) {
    proxies.forEach(this.proxies::add);
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (remote instanceof InetSocketAddress inet
        && inet.getAddress() != null
        && proxies.test(inet.getAddress())) {
      return forwarded.customize(request, responseHeaders);
    }
    return request;
  }
}
