package io.github.jcacheredis.internal.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The queue between a subscription's reader and its delivery thread holds a bounded count and bounded bytes. */
class BacklogTest {

  @Test
  void aMessageBeyondTheByteBoundIsRefusedAndTheBytesComeBackWhenTaken() throws InterruptedException {
    Backlog<String> backlog = new Backlog<>();
    int half = (int) (Backlog.MAX_BYTES / 2);
    assertTrue(backlog.offer("first", half));
    assertTrue(backlog.offer("second", half));
    assertFalse(backlog.offer("third", 1), "the byte bound is full");
    assertEquals("first", backlog.take());
    assertTrue(backlog.offer("third", 1), "taking gives the bytes back");
  }

  @Test
  void aMessageBeyondTheCountBoundIsRefused() {
    Backlog<Integer> backlog = new Backlog<>();
    for (int i = 0; i < Backlog.MAX_MESSAGES; i++) {
      assertTrue(backlog.offer(i, 1));
    }
    assertFalse(backlog.offer(-1, 1));
    backlog.clear();
    assertTrue(backlog.offer(-1, (int) Backlog.MAX_BYTES), "clearing gives every byte back");
  }
}
