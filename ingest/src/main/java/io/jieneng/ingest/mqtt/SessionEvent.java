package io.jieneng.ingest.mqtt;

/** Pipeline user events that mark a connection's MQTT life; fired from the pipeline head. */
public enum SessionEvent {
    /** The CONNACK that accepts the connection was written: held packets may now be processed. */
    CONNECTED
}
