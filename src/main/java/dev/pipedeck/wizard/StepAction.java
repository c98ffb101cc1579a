package dev.pipedeck.wizard;

/**
 * The button a step was posted with: {@code next}, {@code back}, {@code discover}, or one of the rows editor's (columns or table mappings)
 * {@code add-row}, {@code remove-row:N}, {@code up-row:N} (N a row number), or {@code goto:N} (a step).
 */
public record StepAction(Kind kind, int row) {

    public enum Kind { NEXT, BACK, GOTO, STAY, DISCOVER, ADD_ROW, REMOVE_ROW, MOVE_ROW_UP }

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
            case "add-row" -> new StepAction(Kind.ADD_ROW, -1);
            case "remove-row" -> new StepAction(Kind.REMOVE_ROW, row);
            case "up-row" -> new StepAction(Kind.MOVE_ROW_UP, row);
            default -> new StepAction(Kind.STAY, -1);
        };
    }

    public boolean editsRows() {
        return kind == Kind.ADD_ROW || kind == Kind.REMOVE_ROW || kind == Kind.MOVE_ROW_UP;
    }
}
