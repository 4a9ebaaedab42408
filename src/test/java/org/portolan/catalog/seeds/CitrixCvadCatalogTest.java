package org.portolan.catalog.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.portolan.catalog.seeds.SeedTable.actualFromPage;
import static org.portolan.catalog.seeds.SeedTable.assertSameRows;
import static org.portolan.catalog.seeds.SeedTable.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portolan.model.Bindings;
import org.portolan.model.PortSet;
import org.portolan.model.Product;

/**
 * Citrix Virtual Apps and Desktops: the rows of the XenApp and XenDesktop 7.11 "Network ports"
 * table that the stored copy holds, read by hand (first cell: component: usage, protocol, port;
 * the component is the one listening).
 */
class CitrixCvadCatalogTest {
  static final String PAGE = "https://docs.citrix.com/ko-kr/xenapp-and-xendesktop/7-11/technical-overview/default-network-ports.html";

  static final String NETWORK_PORTS = """
      # row                                                                 | from                | to                  | proto | ports       | when                         | flags
      VDA: ICA/HDX, TCP 1494                                                | citrix-client       | vda                 | tcp   | 1494        |                              |
      VDA: ICA/HDX with Session Reliability, TCP 2598                       | citrix-client       | vda                 | tcp   | 2598        | session-reliability          |
      VDA: ICA/HDX over TLS, TCP 443                                        | citrix-client       | vda                 | tcp   | 443         | hdx-tls                      |
      VDA: ICA/HDX over WebSocket, TCP 8008                                 | citrix-client       | vda                 | tcp   | 8008        | html5-websocket              |
      VDA: ICA/HDX Audio over UDP Real-time Transport, UDP 16500..16509     | citrix-client       | vda                 | udp   | 16500-16509 | audio-udp                    |
      VDA: ICA/HDX Framehawk, UDP 3224-3324                                 | citrix-client       | vda                 | udp   | 3224-3324   | framehawk                    |
      VDA: Wake On LAN, UDP 9                                               | power-manager       | vda                 | udp   | 9           | remote-pc-access             | stateless
      VDA: Wake Up Proxy, TCP 135                                           | power-manager       | vda                 | tcp   | 135         | remote-pc-access             |
      VDA: Delivery Controller, TCP 80                                      | delivery-controller | vda                 | tcp   | 80          |                              |
      Delivery Controller: VDA, StoreFront, Director, Studio, TCP 80        | vda                 | delivery-controller | tcp   | 80          |                              |
      Delivery Controller: VDA, StoreFront, Director, Studio, TCP 80        | storefront          | delivery-controller | tcp   | 80          | controller-transport=http    |
      Delivery Controller: VDA, StoreFront, Director, Studio, TCP 80        | director            | delivery-controller | tcp   | 80          | controller-transport=http    |
      Delivery Controller: VDA, StoreFront, Director, Studio, TCP 80        | studio              | delivery-controller | tcp   | 80          | controller-transport=http    |
      Delivery Controller: StoreFront, Director, Studio over TLS, TCP 443   | storefront          | delivery-controller | tcp   | 443         | controller-transport=https   |
      Delivery Controller: StoreFront, Director, Studio over TLS, TCP 443   | director            | delivery-controller | tcp   | 443         | controller-transport=https   |
      Delivery Controller: StoreFront, Director, Studio over TLS, TCP 443   | studio              | delivery-controller | tcp   | 443         | controller-transport=https   |
      """;

  static final String LICENSING = "https://docs.citrix.com/en-us/xenapp-and-xendesktop/xenapp-6/ps-maintain-wrapper-sub/ps-maintain-upd-lic-srv-settings.html";

  /** The vendor daemon's port has no default: a deployment names the static port it set (7279 here, the port XenServer's seed names). */
  static final Bindings STATIC_VENDOR_DAEMON = new Bindings(Map.of(), 1, Map.of("citrix-vendor-daemon", PortSet.range(7279, 7279)));

  static final String LICENSE_SERVER = """
      License server port number (default 27000) | delivery-controller | citrix-license-server | tcp | 27000 | |
      static Citrix vendor daemon port number     | delivery-controller | citrix-license-server | tcp | 7279  | |
      """;

  @Test
  void catalogHoldsExactlyTheRowsOfTheStoredTableAndTheLicensingPage() {
    Product p = SeedTable.product("citrix-cvad");
    assertSameRows(parse(NETWORK_PORTS), actualFromPage(p, Bindings.DEFAULTS, PAGE));
    assertSameRows(parse(LICENSE_SERVER), actualFromPage(p, STATIC_VENDOR_DAEMON, LICENSING));
    SeedTable.assertPageProvenance(p, PAGE, LICENSING);
  }

  @Test
  void theVendorDaemonPortIsNeverGuessed() {
    Product p = SeedTable.product("citrix-cvad");
    assertThatThrownBy(() -> actualFromPage(p, Bindings.DEFAULTS, LICENSING)).hasMessageContaining("citrix-vendor-daemon");
    assertThat(SeedTable.configurables(p)).isEqualTo(Map.of("license_server_port", "27000"));
  }

  @Test
  void vdasRegisterOnPort80WhateverTheConsolesUse() {
    Product p = SeedTable.product("citrix-cvad");
    assertThat(SeedTable.active(p, Map.of(), Map.of()))
        .containsExactlyInAnyOrder("ica", "ica-session-reliability", "controller-to-vda", "vda-to-controller", "license-server", "license-vendor-daemon",
            "storefront-to-controller", "director-to-controller", "studio-to-controller");
    assertThat(SeedTable.active(p, Map.of(), Map.of("controller-transport", "https")))
        .contains("vda-to-controller", "storefront-to-controller-tls").doesNotContain("storefront-to-controller");
  }
}
