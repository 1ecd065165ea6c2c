package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.List;

/**
 * Writes a record whose fields are gathered into values ({@code @JsonUnwrapped}) with its JSON fields in the order
 * its {@link JsonPropertyOrder} lists, which may interleave the values' fields. Jackson writes an unwrapped value's
 * fields all at its place; the records that became values keep the field order they had when they were flat, so
 * golden files and anyone reading the bytes see the same object. Fields the order does not name follow, as written.
 */
final class WireOrder extends BeanSerializerModifier {

    @Override
    public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
            JsonSerializer<?> serializer) {
        JsonPropertyOrder order = description.getClassAnnotations().get(JsonPropertyOrder.class);
        if (order == null || !description.getBeanClass().isRecord()) {
            return serializer;
        }
        @SuppressWarnings("unchecked")
        JsonSerializer<Object> bean = (JsonSerializer<Object>) serializer;
        return new Ordered(bean, List.of(order.value()));
    }

    private static final class Ordered extends StdSerializer<Object> implements ResolvableSerializer,
            ContextualSerializer {

        private final JsonSerializer<Object> bean;
        private final List<String> order;

        Ordered(JsonSerializer<Object> bean, List<String> order) {
            super(Object.class);
            this.bean = bean;
            this.order = order;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            TokenBuffer buffer = new TokenBuffer(generator.getCodec(), false);
            bean.serialize(value, buffer, provider);
            ObjectNode written = buffer.asParser(generator.getCodec()).readValueAsTree();
            ObjectNode ordered = JsonNodeFactory.instance.objectNode();
            for (String field : order) {
                if (written.has(field)) {
                    ordered.set(field, written.get(field));
                }
            }
            ordered.setAll(written);
            generator.writeTree(ordered);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (bean instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (!(bean instanceof ContextualSerializer contextual)) {
                return this;
            }
            @SuppressWarnings("unchecked")
            JsonSerializer<Object> made = (JsonSerializer<Object>) contextual.createContextual(provider, property);
            return made == bean ? this : new Ordered(made, order);
        }
    }
}
