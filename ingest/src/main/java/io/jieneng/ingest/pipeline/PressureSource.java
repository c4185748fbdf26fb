package io.jieneng.ingest.pipeline;

/** Work queued behind Netty that can ask the sockets to stop reading until it drains. */
public interface PressureSource {

    /** True from crossing the high watermark until falling back to the low one. */
    boolean isHigh();

    /** Runs {@code listener} (on any thread) each time the pressure falls back to the low watermark. */
    void onRelief(Runnable listener);
}
