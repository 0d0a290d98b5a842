// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

/// @dev The gas benchmarks run only in the `bench` foundry profile (`npm run bench -- gas`), which sets
/// `isolate = true`: every call from a test is then its own transaction, and `vm.lastCallGas` is what
/// a wallet pays (21,000 + calldata + execution, less refunds; checked equal to anvil receipts).
/// Without isolation one test is one transaction: later calls find slots warm and already written,
/// and their figures come out thousands of gas off, so elsewhere the benchmarks skip.
library BenchProfile {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function skipUnlessActive() internal {
        vm.skip(keccak256(bytes(vm.envOr("FOUNDRY_PROFILE", string("")))) != keccak256("bench"));
    }

    /// @dev Transaction gas of the last call.
    function lastTxGas() internal view returns (uint256) {
        return vm.lastCallGas().gasTotalUsed;
    }
}
