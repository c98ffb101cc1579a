package dev.pipedeck.wizard;

/**
 * The button a step was posted with: {@code next}, {@code back}, {@code discover}, or one of the columns editor's
 * {@code add-column}, {@code remove-column:N}, {@code up-column:N} (N a row number), or {@code goto:N} (a step).
 */
public record StepAction(Kind kind, int row) {

    public enum Kind { NEXT, BACK, GOTO, STAY, DISCOVER, ADD_COLUMN, REMOVE_COLUMN, MOVE_COLUMN_UP }

    public static final StepAction NEXT = new StepAction(Kind.NEXT, -1);
    public static final StepAction BACK = new StepAction(Kind.BACK, -1);
    public static final StepAction DISCOVER = new StepAction(Kind.DISCOVER, -1);

    /** The action a button's value names; anything unknown means "check and stay". */
    public static StepAction parse(String text) {
        if (text == null) {
            return NEXT;
        }
        String[] parts = text.split(":", 2);
        int row = -1;
        if (parts.length == 2) {
            try {
                row = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return new StepAction(Kind.STAY, -1);
            }
        }
        return switch (parts[0]) {
            case "next" -> NEXT;
            case "back" -> BACK;
            case "discover" -> DISCOVER;
            case "goto" -> new StepAction(Kind.GOTO, row);
            case "add-column" -> new StepAction(Kind.ADD_COLUMN, -1);
            case "remove-column" -> new StepAction(Kind.REMOVE_COLUMN, row);
            case "up-column" -> new StepAction(Kind.MOVE_COLUMN_UP, row);
            default -> new StepAction(Kind.STAY, -1);
        };
    }

    public boolean editsColumns() {
        return kind == Kind.ADD_COLUMN || kind == Kind.REMOVE_COLUMN || kind == Kind.MOVE_COLUMN_UP;
    }
}
