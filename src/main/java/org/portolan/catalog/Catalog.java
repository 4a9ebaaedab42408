package org.portolan.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.model.Product;
import org.portolan.model.ServiceSet;

/** The products Portolan knows: the bundled catalog plus any folders the user adds. */
public record Catalog(List<Product> products, Map<String, ServiceSet> serviceSets) {
  public Catalog {
    products = List.copyOf(products);
    serviceSets = Map.copyOf(serviceSets);
  }

  public Optional<Product> product(String id) {
    return products.stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
