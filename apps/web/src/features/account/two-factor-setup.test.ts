import { describe, expect, it } from "vitest";
import { describeDevice } from "./describe-device.ts";
import { secretOf } from "./two-factor-setup.tsx";

describe("secretOf", () => {
  it("reads the key from an otpauth URI, in groups of four", () => {
    expect(
      secretOf("otpauth://totp/Tend:ada%40example.test?secret=GRXS2WCKNFNE6SCG&issuer=Tend"),
    ).toBe("GRXS 2WCK NFNE 6SCG");
  });
});

describe("describeDevice", () => {
  it("names a browser and a system, nothing more", () => {
    expect(
      describeDevice(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari on iPhone or iPad");
    expect(describeDevice(null)).toBe("An unknown device");
  });
});
