package example.consumer;

/** A class in a package nobody trusted: Avro 1.12.2+ must refuse to resolve a schema to it. */
public final class Gadget {
}
