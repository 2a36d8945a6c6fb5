/**
 * Cluster-wide messages for any bundle: nodes share nothing but PostgreSQL, so a message is a
 * NOTIFY on a channel of the database, and every node listening on that channel receives it.
 * A bundle publishes through {@link org.stoa.connections.cluster.ClusterBus} and receives by
 * registering a {@link org.stoa.connections.cluster.ClusterReceiver} (a whiteboard).
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.stoa.connections.cluster;
