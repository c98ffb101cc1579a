package dev.pipedeck.pipes;

/** A new name for a pipe. */
public class RenameForm extends SeenPipeForm {

    private String name = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
