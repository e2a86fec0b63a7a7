package org.exotrial.views.engine;

/**
 * One output column of a view.
 *
 * @param name the column name, unique in the view
 * @param type the FHIR primitive type code the view declares ({@code string}, {@code integer}, {@code dateTime}...),
 *     or {@code null} when it declares none
 * @param collection whether each cell holds a list
 */
public record ViewColumn(String name, String type, boolean collection) {}
