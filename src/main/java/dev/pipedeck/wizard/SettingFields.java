package dev.pipedeck.wizard;

import java.util.ArrayList;
import java.util.List;

import dev.pipedeck.pipes.SettingField;
import dev.pipedeck.pipes.SettingsCatalogue;

/** The advanced settings that apply to a source kind, as optional wizard fields {@code settings.<key>}. */
final class SettingFields {

    private SettingFields() {
    }

    static List<WizardField> of(String kind) {
        List<WizardField> fields = new ArrayList<>();
        for (SettingField setting : SettingsCatalogue.forKind(kind)) {
            WizardField.Builder field = setting.isSwitch()
                    ? WizardField.named("settings." + setting.key(), setting.label(), FieldType.SELECT)
                            .options(List.of(new FieldOption("true", "On"), new FieldOption("false", "Off")))
                    : WizardField.named("settings." + setting.key(), setting.label(), FieldType.INTEGER)
                            .range(setting.min(), setting.max());
            fields.add(field.help(setting.description() + " " + setting.rangeText() + ". Empty: the default.")
                    .build());
        }
        return fields;
    }
}
