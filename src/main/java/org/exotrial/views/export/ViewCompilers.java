package org.exotrial.views.export;

import java.util.function.Supplier;
import org.exotrial.views.engine.ViewCompiler;

/** The view engine, looked up on first use (the job's steps and the kick-off share it). */
final class ViewCompilers {

    private final Supplier<ViewCompiler> lookup;
    private volatile ViewCompiler compiler;

    ViewCompilers(Supplier<ViewCompiler> lookup) {
        this.lookup = lookup;
    }

    ViewCompiler get() {
        ViewCompiler current = compiler;
        if (current == null) {
            current = lookup.get();
            compiler = current;
        }
        return current;
    }
}
