package io.seqscore.trainer.cli;

import picocli.CommandLine.ITypeConverter;

/** Base of the option converters of enums (see {@link Converters#enumOf}); picocli instantiates the subclasses. */
abstract class EnumConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final ITypeConverter<E> delegate;

    EnumConverter(Class<E> type, String... aliases) {
        this.delegate = Converters.enumOf(type, aliases);
    }

    @Override
    public E convert(String value) throws Exception {
        return delegate.convert(value);
    }
}
