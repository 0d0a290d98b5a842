// Checking the address a person typed to send a plot to, with the sentence to show when it cannot be used.
import { type Address, getAddress, isAddress, zeroAddress } from "viem";

export type RecipientCheck = { value: Address; problem?: undefined } | { value?: undefined; problem: string };

/** `text` as a checksummed address that is neither zero nor `self`, or why not. */
export function checkRecipient(text: string, self?: string): RecipientCheck {
  const t = text.trim();
  if (t === "") return { problem: "Enter the 0x address to send the plot to." };
  if (!isAddress(t, { strict: false }))
    return { problem: "That is not an address: it is 0x followed by 40 letters a–f and digits." };
  if (!isAddress(t))
    return {
      problem: "That address has a typo: its capital letters do not match its checksum. Copy it again.",
    };
  const value = getAddress(t);
  if (value === zeroAddress)
    return { problem: "That is the zero address: a plot sent there is lost for good." };
  if (self && value.toLowerCase() === self.toLowerCase()) return { problem: "That is your own address." };
  return { value };
}
