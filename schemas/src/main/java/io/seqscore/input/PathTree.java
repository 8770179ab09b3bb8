package io.seqscore.input;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping's field paths as a tree of field names, so that one pass over a record finds every field the
 * mapping names: each node is a field, marked with what it is (a values field by index, the time field,
 * the key field, an attribute).
 */
final class PathTree {
    private final Node root = new Node("");

    static final class Node {
        private final String path;
        private final Map<String, Node> children = new HashMap<>();
        private int[] values = new int[0];
        private boolean time;
        private boolean key;
        private boolean symbol;
        private String attribute;

        private Node(String path) {
            this.path = path;
        }

        Node child(String name) {
            return children.get(name);
        }

        boolean hasChildren() {
            return !children.isEmpty();
        }

        boolean hasRoles() {
            return values.length > 0 || time || key || symbol || attribute != null;
        }

        String path() {
            return path;
        }

        int[] values() {
            return values;
        }

        boolean isTime() {
            return time;
        }

        boolean isKey() {
            return key;
        }

        boolean isSymbol() {
            return symbol;
        }

        String attribute() {
            return attribute;
        }
    }

    private PathTree() {
    }

    static PathTree of(InputMapping mapping) {
        PathTree tree = new PathTree();
        List<FieldPath> values = mapping.values();
        for (int i = 0; i < values.size(); i++) {
            Node n = tree.node(values.get(i));
            n.values = Arrays.copyOf(n.values, n.values.length + 1);
            n.values[n.values.length - 1] = i;
        }
        tree.node(mapping.timeField()).time = true;
        tree.node(mapping.keyField()).key = true;
        if (mapping.symbol() != null) {
            tree.node(mapping.symbol()).symbol = true;
        }
        for (FieldPath a : mapping.attributes()) {
            tree.node(a).attribute = a.toString();
        }
        return tree;
    }

    Node root() {
        return root;
    }

    private Node node(FieldPath path) {
        Node n = root;
        for (int i = 0; i < path.length(); i++) {
            String name = path.segment(i);
            Node parent = n;
            n = parent.children.computeIfAbsent(name, k -> new Node(parent == root ? k : parent.path + "." + k));
        }
        return n;
    }
}
