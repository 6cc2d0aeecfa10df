package org.baclofencds.server.provider;

import org.baclofencds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.Device;

/** The published Device, read-only. */
public final class DeviceResourceProvider extends KnowledgeResourceProvider<Device> {

    public DeviceResourceProvider(Knowledge knowledge) {
        super(knowledge, Device.class, "Device");
    }
}
