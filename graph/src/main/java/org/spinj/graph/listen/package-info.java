/**
 * Message listeners: observe the attention weights of message-passing layers without changing
 * them ({@link org.spinj.graph.listen.MessageSource}, {@link
 * org.spinj.graph.listen.AttentionRecorder}).
 */
package org.spinj.graph.listen;
