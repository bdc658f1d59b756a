package io.callrec.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceIdTest {

    @Test
    void everySpellingOfAMacIsTheSameDevice() {
        for (String spelling : new String[] {"0C:38:3E:00:00:01", "0c-38-3e-00-00-01", "0c383e000001",
                " 0C383E000001 "}) {
            assertEquals("0c:38:3e:00:00:01", DeviceId.normalize(spelling), spelling);
        }
    }

    @Test
    void somethingElseIsOnlyTrimmedAndLowerCased() {
        assertEquals("pbx-tokyo", DeviceId.normalize(" PBX-Tokyo "));
        assertTrue(DeviceId.mac("0c:38:3e:00:00").isEmpty());
        assertTrue(DeviceId.mac("0c:38:3e:00:00:01:02").isEmpty());
        assertNull(DeviceId.normalize("  "));
        assertNull(DeviceId.normalize(null));
    }

    @Test
    void directionsByTheirWireName() {
        assertEquals(CallDirection.IN, CallDirection.byName(" IN ").orElseThrow());
        assertTrue(CallDirection.byName("sideways").isEmpty());
    }
}
