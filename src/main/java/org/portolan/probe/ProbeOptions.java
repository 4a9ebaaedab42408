package org.portolan.probe;

import java.time.Duration;

/**
 * Bounds on a probe run. Every probe waits at most {@code timeout}; the whole run at most
 * {@code maxTime}; at most {@code concurrency} probes are in flight; packets start at most
 * {@code rate} per second overall and {@code perDestinationRate} per second to one address.
 *
 * @param retries extra UDP requests sent within the timeout (TCP: the kernel retransmits the SYN
 *     after one second within a full timeout; with the adaptive timeout a silent port gets a second
 *     connect, {@link RttEstimator})
 * @param maxPortsPerFlow ports probed per flow and destination; a larger port set (a dynamic
 *     RPC range) is not scanned: its ports come from the endpoint mapper, or a sample is taken
 * @param maxAddressesPerBlock addresses probed in a destination network block; larger blocks
 *     are reported as not probed rather than swept
 */
public record ProbeOptions(Duration timeout, int retries, int concurrency, double rate, double perDestinationRate,
    Duration maxTime, int maxPortsPerFlow, int maxAddressesPerBlock, boolean endpointMapper) {

  public static final ProbeOptions DEFAULTS = new ProbeOptions(Duration.ofMillis(1500), 1, 256, 1000, 200,
      Duration.ofMinutes(10), 64, 16, true);

  public ProbeOptions {
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    if (retries < 0 || retries > 5) throw new IllegalArgumentException("retries must be 0-5");
    if (concurrency < 1 || concurrency > 4096) throw new IllegalArgumentException("concurrency must be 1-4096");
    if (!(rate > 0) || !(perDestinationRate > 0)) throw new IllegalArgumentException("rates must be positive");
    if (maxTime.isNegative() || maxTime.isZero()) throw new IllegalArgumentException("max time must be positive");
    if (maxPortsPerFlow < 1 || maxPortsPerFlow > 1024) throw new IllegalArgumentException("max ports per flow must be 1-1024");
    if (maxAddressesPerBlock < 1 || maxAddressesPerBlock > 256) throw new IllegalArgumentException("max addresses per block must be 1-256");
  }
}
